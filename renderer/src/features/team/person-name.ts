// A person's name as the console shows it. The local administrator (the loopback console's and the
// desktop window's person) is named by the engine in English for API clients; here it is a word of
// the console's language.
import type { TFunction } from 'i18next';
import { LOCAL_ACTOR_ID } from '../../../../shared/team.ts';

/** `person`: an actor, a presence entry or a note's author (`id` may be missing on old records). */
export const personName = (person: { id?: string; name: string }, t: TFunction): string => (person.id === LOCAL_ACTOR_ID ? t('team.localAdmin') : person.name);
