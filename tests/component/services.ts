import { Announcer } from '../../src/ui/announcer.svelte';
import { pageContext, type PageServices } from '../../src/app/context';
import { Preferences } from '../../src/ui/preferences.svelte';
import { Instrument } from '../../src/instrument/instrument.svelte';
import { ReaderRecordingState } from '../../src/recordings/reader-context.svelte';

/** The page's shared services, not started: components render against them without a frame loop. */
export function testServices(): { services: PageServices; context: Map<symbol, unknown> } {
  const announcer = new Announcer();
  const services = {
    announcer,
    instrument: new Instrument((text) => announcer.say(text)),
    preferences: new Preferences(),
    readerRecording: new ReaderRecordingState(),
  };
  return { services, context: pageContext(services) };
}
