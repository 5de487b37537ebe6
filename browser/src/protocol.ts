// Messages between the content script and the service worker (one long-lived port per page).
import type { Card, PageFinding } from './core/findings';

export const PORT_NAME = 'heard-page';
export const SETTINGS_KEY = 'settings';
/** The id of the one registered content script (chrome.scripting.registerContentScripts). */
export const CONTENT_SCRIPT_ID = 'heard-fields';

export type PageToWorker =
  | { type: 'analyse'; field: string; seq: number; text: string }
  | { type: 'forget'; field: string }
  | { type: 'count'; count: number };

export type WorkerToPage =
  /** `cards`: the cards this page has not been sent yet. */
  | { type: 'findings'; field: string; seq: number; findings: PageFinding[]; cards: Record<string, Card>; ms: number }
  | { type: 'failed'; field: string; seq: number; error: string }
  | { type: 'reanalyse' }
  | { type: 'next-finding' };

/** One-off requests from the popup. */
export type PopupRequest = { type: 'status' } | { type: 'activate-tab'; tabId: number };
export interface WorkerStatus {
  problems: string[];
  lexiconError?: string;
  organisationEntries: number;
  locked: boolean;
  policy: import('./core/settings').ManagedPolicy;
}
