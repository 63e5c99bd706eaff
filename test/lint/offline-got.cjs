// Stands in for `got` inside Electronegativity during lint: no network, every request fails.
const offline = () => Promise.reject(new Error('offline: Ringside lint makes no network requests'));
module.exports = Object.assign(offline, { head: offline, get: offline, default: offline });
