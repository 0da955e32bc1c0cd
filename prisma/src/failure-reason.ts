// A line of the source frame Prisma puts in its messages: `  97 await …` or `→ 98 const …`.
const FRAME_LINE = /^\s*(→\s*)?\d+\s/;

/**
 * A one-line reason for an unexpected failure, fit to store and show staff. Prisma's messages open with
 * the call (`Invalid … invocation:`, or with the default error format `… invocation in <file>:<line>` and
 * a frame of our source code), which staff should never see; the cause follows, and the error code names
 * it for a program.
 */
export function failureReason(error: unknown, maxLength = 500): string {
  if (!(error instanceof Error)) return String(error).slice(0, maxLength);
  const fromPrisma = 'clientVersion' in error;
  const code = fromPrisma && 'code' in error && typeof error.code === 'string' ? ` ${error.code}` : '';
  return `${error.name}${code}: ${fromPrisma ? prismaCause(error.message) : oneLine(error.message)}`.slice(
    0,
    maxLength,
  );
}

function prismaCause(message: string): string {
  const lines = message.trim().split('\n');
  const frameEnd = lines.findLastIndex((line) => FRAME_LINE.test(line) || / invocation( in|:)$/.test(line));
  const afterFrame = lines.slice(frameEnd + 1).filter((line) => !/\.[cm]?[jt]s:\d+:\d+$/.test(line.trim()));
  return oneLine(afterFrame.join(' '));
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();
