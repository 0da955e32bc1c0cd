import { type PointerEvent, useRef } from 'react';

export interface SignaturePadHandle {
  /** The drawing as a PNG data URL, or undefined while nothing is drawn. */
  png(): string | undefined;
}

const WIDTH = 480;
const HEIGHT = 160;

/**
 * A canvas to draw a signature on with a mouse, pen or finger. Drawing needs a pointer, so the page
 * always offers typing the name instead (the keyboard way to sign).
 */
export function SignaturePad({ pad }: { pad: { current: SignaturePadHandle | null } }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawn = useRef(false);
  const context = () => canvas.current?.getContext('2d') ?? null;
  const point = (event: PointerEvent<HTMLCanvasElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    return [
      ((event.clientX - box.left) * WIDTH) / box.width,
      ((event.clientY - box.top) * HEIGHT) / box.height,
    ] as const;
  };
  pad.current = { png: () => (drawn.current ? canvas.current?.toDataURL('image/png') : undefined) };

  const start = (event: PointerEvent<HTMLCanvasElement>) => {
    const ink = context();
    if (!ink) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    ink.lineWidth = 2.5;
    ink.lineCap = 'round';
    ink.strokeStyle = '#111';
    ink.beginPath();
    ink.moveTo(...point(event));
  };
  const move = (event: PointerEvent<HTMLCanvasElement>) => {
    const ink = context();
    if (!ink || !event.currentTarget.hasPointerCapture(event.pointerId)) return;
    ink.lineTo(...point(event));
    ink.stroke();
    drawn.current = true;
  };
  const clear = () => {
    context()?.clearRect(0, 0, WIDTH, HEIGHT);
    drawn.current = false;
  };
  return (
    <div className="signature-pad">
      <canvas
        ref={canvas}
        width={WIDTH}
        height={HEIGHT}
        role="img"
        aria-label="Signature pad: draw your signature with a mouse, pen or finger"
        onPointerDown={start}
        onPointerMove={move}
      />
      <button type="button" onClick={clear}>
        Clear the drawing
      </button>
    </div>
  );
}
