import { Table } from '../../ui/table';
export interface Health {
  readonly score: number | null;
  readonly formula: string;
  readonly inputs: readonly { name: string; value: number | null; weight: number; detail: string }[];
}

/** The score and, beside it, what it is made of: each input with its weight and where it comes from. */
export function HealthPanel({ health }: { health: Health }) {
  return (
    <div>
      <p className="score">
        <span className="big">{health.score ?? '—'}</span> <span className="muted">/ 100</span>
      </p>
      <p>{health.formula}</p>
      <Table label="Health score inputs" headers={['Input', 'Value', 'Weight', 'Why']}>
        {health.inputs.map((input) => (
          <tr key={input.name}>
            <td>{input.name}</td>
            <td>{input.value ?? '—'}</td>
            <td>{input.weight}</td>
            <td>{input.detail}</td>
          </tr>
        ))}
      </Table>
    </div>
  );
}
