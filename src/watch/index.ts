/** Continuous ingestion and alerts (`narrascope watch`): the pieces the CLI, the API and the dashboard use. */
export { Watcher, type WatcherOptions, type PassSummary } from './watcher.ts';
export { loadWatchConfig, normalizeWatchConfig, parseDuration, WatchConfigError, type WatchConfig, type RuleConfig } from './config.ts';
export { readAlerts, alertsPath, type Alert, type AlertType, type Delivery, type ReadAlertsOptions } from './alerts.ts';
export { defaultStatePath, loadState, type WatchState } from './state.ts';
