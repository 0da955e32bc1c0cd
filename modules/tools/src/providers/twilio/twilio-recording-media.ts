import type { VendorCall, VendorMedia } from '../provider-definition';
import { VendorError } from '../vendor-error';
import { basic } from '../vendor-http';

type Call = VendorCall<
  { readonly accountSid: string; readonly authToken: string },
  { readonly apiBaseUrl: string }
>;

/** Long enough for a slow vendor to answer; the audio itself may then take as long as it takes. */
const ANSWER_TIMEOUT_MS = 15_000;
const PASSED_HEADERS = ['content-length', 'content-range', 'accept-ranges'];

function refusal(status: number): VendorError {
  if (status === 401 || status === 403)
    return new VendorError(
      'auth',
      'Twilio refused the stored SID + Auth Token for this recording; connect Twilio again in Settings → Integrations',
      { field: 'credential.authToken', status },
    );
  if (status === 404)
    return new VendorError('rejected', 'Twilio no longer has this recording (deleted at the vendor)', {
      status,
    });
  if (status === 429)
    return new VendorError('rate_limited', 'Twilio is rate limiting this account; try again shortly', {
      status,
      retryAfterSeconds: 60,
    });
  return new VendorError('unavailable', 'Twilio is not serving the recording properly; try again later', {
    status,
  });
}

/**
 * A recording's MP3 from Twilio's media URL with HTTP basic auth (SID : Auth Token), which private
 * recordings require and public ones accept. The SDK has no media download (its client buffers JSON),
 * so this is the documented URL with plain fetch; a `Range` is passed through for seeking.
 */
export async function twilioRecordingMedia(
  { credential: { accountSid, authToken }, settings: { apiBaseUrl } }: Call,
  input: { readonly recording_id: string; readonly range?: string | undefined },
): Promise<VendorMedia> {
  const url = `${apiBaseUrl.replace(/\/$/, '')}/2010-04-01/Accounts/${accountSid}/Recordings/${encodeURIComponent(input.recording_id)}.mp3`;
  const answered = new AbortController();
  const timer = setTimeout(() => answered.abort(), ANSWER_TIMEOUT_MS);
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { ...basic(accountSid, authToken), ...(input.range && { range: input.range }) },
      signal: answered.signal,
    });
  } catch {
    throw new VendorError('unavailable', 'Twilio could not be reached for the recording; try again later');
  } finally {
    clearTimeout(timer);
  }
  const passedOn = response.ok || response.status === 416;
  if (!passedOn || !response.body) {
    await response.body?.cancel();
    throw refusal(response.status);
  }
  const headers = Object.fromEntries(
    PASSED_HEADERS.flatMap((name) => {
      const value = response.headers.get(name);
      return value ? [[name, value]] : [];
    }),
  );
  return { status: response.status, contentType: 'audio/mpeg', headers, body: response.body };
}
