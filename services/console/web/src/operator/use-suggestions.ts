import { useEffect, useRef, useState } from 'react';
import { api } from '../shared/api.js';

export interface TopicSuggestion {
  topic: string;
  topicName: string;
  unit?: string;
  confidence?: number;
  reason: string;
}

/** A pause in typing after which the text is sent: the desk's own advice. */
const PAUSE_MS = 300;
/** When the router did not answer, the same text is asked again this often, a few times. */
const RETRY_MS = 2_000;
const ATTEMPTS = 5;

/**
 * The topic and unit the router would choose for the text typed so far, asked after each pause
 * in typing; an answer to an older draft than the newest asked is dropped, so the panel never
 * goes back to an earlier text's suggestion.
 */
export function useSuggestions(token: string, text: string) {
  const [suggestions, setSuggestions] = useState<TopicSuggestion[]>([]);
  const [state, setState] = useState<'idle' | 'asking' | 'unavailable'>('idle');
  const [attempt, setAttempt] = useState(0);
  const asked = useRef(0);
  useEffect(() => setAttempt(0), [text]);
  useEffect(() => {
    const draft = ++asked.current;
    if (text.trim().length < 3) {
      setSuggestions([]);
      setState('idle');
      return;
    }
    let retry: ReturnType<typeof setTimeout> | undefined;
    const timer = setTimeout(() => {
      setState('asking');
      api<{ suggestions: TopicSuggestion[] }>(token, 'POST', '/api/desk/suggestions', { text }).then(
        (answer) => {
          if (draft !== asked.current) return;
          setSuggestions(answer.suggestions);
          setState('idle');
        },
        () => {
          if (draft !== asked.current) return;
          setState('unavailable');
          if (attempt + 1 < ATTEMPTS) retry = setTimeout(() => setAttempt(attempt + 1), RETRY_MS);
        },
      );
    }, attempt === 0 ? PAUSE_MS : 0);
    return () => {
      clearTimeout(timer);
      clearTimeout(retry);
    };
  }, [token, text, attempt]);
  return { suggestions, state };
}
