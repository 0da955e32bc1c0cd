import { voice } from '../../api/trpc.client';
import { Link } from '../../shell/router';
import { Loading } from '../../ui/feedback';
import { useLoad } from '../../ui/use-load';

/**
 * The suite's recording link (`/voice/recordings/<id>`, on CRM's timeline): Voice checks the
 * permission and the org, then gives the suite's audio stream (`…/audio`), which checks both again and
 * streams the vendor's media; the browser never sees the vendor's address.
 */
export function RecordingPage({ recordingId }: { recordingId: string }) {
  const media = useLoad(() => voice.recordings.open.query({ recordingId }), recordingId);
  return (
    <section>
      <h1>Call recording</h1>
      <Loading loaded={media}>
        {({ url }) => (
          // biome-ignore lint/a11y/useMediaCaption: a phone call's recording has no captions to offer
          <audio controls preload="metadata" aria-label="Call recording" src={url}>
            <a href={url}>Download the recording</a>
          </audio>
        )}
      </Loading>
      <p>
        <Link href="/voice/calls">All calls</Link>
      </p>
    </section>
  );
}
