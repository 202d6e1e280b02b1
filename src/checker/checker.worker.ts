/// <reference lib="webworker" />
/**
 * The checker's worker: parses and checks a pasted snippet off the page's main thread, so that a
 * long paste never stalls the page (checking 100,000 characters takes a few hundred ms). Nothing is
 * stored or sent anywhere: the text arrives in a message and the findings go back in another.
 */
import { parser } from '@lezer/python';
import { checkParsed, refuse } from './check';
import { asCheckRequest } from './guard';
import type { CheckerToPage } from './messages';

const post = (message: CheckerToPage) => postMessage(message);

onmessage = (event: MessageEvent<unknown>) => {
  const request = asCheckRequest(event.data);
  if (!request) return;
  try {
    const refused = refuse(request.text);
    const result = refused ?? checkParsed(request.text, parser.parse(request.text));
    post({ type: 'checked', id: request.id, result });
  } catch (error) {
    post({ type: 'failed', id: request.id, message: String(error) });
  }
};
