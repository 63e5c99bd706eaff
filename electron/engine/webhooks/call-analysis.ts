// A provider's analysis of a finished call, as providers write it (Ringg's `analysis_data`:
// key_points, summary, classification, sentiment, call_disconnect_reason, action_items).
import type { CallAnalysis } from '../../../shared/call.ts';
import { isObject, pick, textList } from './fields.ts';

/** The analysis in `value` (an object), without its summary (a call's summary is its own field); undefined when it holds none. */
export function analysisOf(value: unknown): CallAnalysis | undefined {
  if (!isObject(value)) return undefined;
  const analysis: CallAnalysis = {};
  const keyPoints = textList(value.key_points ?? value.keyPoints);
  const actionItems = textList(value.action_items ?? value.actionItems);
  const classification = pick(value, 'classification', 'category');
  const sentiment = pick(value, 'sentiment');
  const disconnectReason = pick(value, 'call_disconnect_reason', 'disconnect_reason', 'disconnection_reason');
  if (keyPoints?.length) analysis.keyPoints = keyPoints;
  if (actionItems?.length) analysis.actionItems = actionItems;
  if (classification) analysis.classification = classification;
  if (sentiment) analysis.sentiment = sentiment;
  if (disconnectReason) analysis.disconnectReason = disconnectReason;
  return Object.keys(analysis).length ? analysis : undefined;
}
