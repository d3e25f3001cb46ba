import type { CityHistoryError, CityHistoryFormat, TextEncoding } from '@priemnaya/appeal-history';
import type { CityCandidate } from '@priemnaya/classifier';
import type { RoutingTopic } from '@priemnaya/contracts';
import { startTypeScriptWorker } from './typescript-worker.js';

/** What the worker is given: the export as uploaded, the city's units, the corpus and the model routing now. */
export interface CityCandidateJob {
  fileName: string;
  bytes: Uint8Array;
  /** Each unit name and code of the city to the topics its routing table gives it. */
  unitTopics: Map<string, RoutingTopic[]>;
  /** The training corpus, JSON lines `{"text","unit"}` with a routing topic as the unit. */
  corpusPath: string;
  /** The current model's artefact, serialised. */
  current: string;
  /** Names the city in the candidate's version id. */
  name: string;
}

/** How reading the export, the corpus and the word vectors ended, before anything is trained. */
export type CityHistoryRead =
  | { kind: 'refused'; problems: CityHistoryError[] }
  | { kind: 'too-few'; appeals: number; needed: number }
  /** The corpus or the word vectors could not be read: the router's configuration, not the file. */
  | { kind: 'unavailable'; reason: string }
  | { kind: 'read'; format: CityHistoryFormat; encoding: TextEncoding | undefined; appeals: number; perTopic: Record<string, number> };

/** The candidate, serialised, with both models' figures on the city's held-out appeals. */
export type TrainedCityCandidate = Omit<CityCandidate, 'model'> & { model: string };

export type CityCandidateMessage =
  | CityHistoryRead
  | { kind: 'stage'; stage: string }
  | { kind: 'trained'; candidate: TrainedCityCandidate }
  | { kind: 'failed'; reason: string };

/** Sent to the worker once the import is recorded: train what was read. */
export const TRAIN = 'train';

export interface CityCandidateRun {
  /** How the reading ended; rejects only when the worker itself broke. */
  read: Promise<CityHistoryRead>;
  /** After a `read` outcome: trains, telling each stage, and resolves with the candidate. */
  train(onStage: (stage: string) => void): Promise<TrainedCityCandidate>;
  /** Ends the worker, whatever it is doing; a pending `train` then rejects. */
  stop(): Promise<void>;
}

/**
 * Reads a city's export and trains its candidate in a worker thread: reading a large workbook and
 * training take seconds to minutes of CPU, and the router's event loop must go on routing meanwhile.
 */
export function startCityCandidateRun(job: CityCandidateJob): CityCandidateRun {
  const worker = startTypeScriptWorker(new URL('./city-candidate-worker.ts', import.meta.url), { workerData: job });
  let onRead: { resolve: (read: CityHistoryRead) => void; reject: (error: Error) => void } | undefined;
  let onTrained: { resolve: (candidate: TrainedCityCandidate) => void; reject: (error: Error) => void; stage: (stage: string) => void } | undefined;
  const read = new Promise<CityHistoryRead>((resolve, reject) => (onRead = { resolve, reject }));
  let ended: Error | undefined;

  const end = (error: Error): void => {
    ended ??= error;
    onRead?.reject(error);
    onTrained?.reject(error);
    onRead = undefined;
    onTrained = undefined;
  };
  worker.on('message', (message: CityCandidateMessage) => {
    if (message.kind === 'stage') onTrained?.stage(message.stage);
    else if (message.kind === 'trained') onTrained?.resolve(message.candidate);
    else if (message.kind === 'failed') end(new Error(message.reason));
    else {
      onRead?.resolve(message);
      onRead = undefined;
    }
  });
  worker.on('error', (error) => end(error));
  worker.on('exit', (code) => end(new Error(`the training worker stopped (exit code ${code})`)));

  return {
    read,
    train(onStage) {
      if (ended) return Promise.reject(ended);
      const trained = new Promise<TrainedCityCandidate>((resolve, reject) => (onTrained = { resolve, reject, stage: onStage }));
      worker.postMessage(TRAIN);
      return trained;
    },
    async stop() {
      await worker.terminate();
    },
  };
}
