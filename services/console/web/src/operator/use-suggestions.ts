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

/**
 * The topic and unit the router would choose for the text typed so far, asked after each pause
 * in typing; an answer to an older draft than the newest asked is dropped, so the panel never
 * goes back to an earlier text's suggestion.
 */
export function useSuggestions(token: string, text: string) {
  const [suggestions, setSuggestions] = useState<TopicSuggestion[]>([]);
  const [state, setState] = useState<'idle' | 'asking' | 'unavailable'>('idle');
  const asked = useRef(0);
  useEffect(() => {
    const draft = ++asked.current;
    if (text.trim().length < 3) {
      setSuggestions([]);
      setState('idle');
      return;
    }
    const timer = setTimeout(() => {
      setState('asking');
      api<{ suggestions: TopicSuggestion[] }>(token, 'POST', '/api/desk/suggestions', { text }).then(
        (answer) => {
          if (draft !== asked.current) return;
          setSuggestions(answer.suggestions);
          setState('idle');
        },
        () => {
          if (draft === asked.current) setState('unavailable');
        },
      );
    }, PAUSE_MS);
    return () => clearTimeout(timer);
  }, [token, text]);
  return { suggestions, state };
}
