import { useId } from 'react';
import { tools } from '../../api/trpc.client';
import { ErrorNote } from '../../ui/feedback';
import { Table } from '../../ui/table';
import { useAction } from '../../ui/use-load';
import type { Vendor } from './vendor-connect';

type Choice = Awaited<ReturnType<typeof tools.connections.vendorChoices.query>>[number];

function ChoiceRow({
  choice,
  vendors,
  canManage,
  onChange,
}: {
  choice: Choice;
  vendors: readonly Vendor[];
  canManage: boolean;
  onChange: () => void;
}) {
  const id = useId();
  const action = useAction();
  const able = vendors.filter((vendor) => vendor.tools.includes(choice.tool));
  const choose = async (provider: string) => {
    if (!provider) return;
    const done = await action.run(async () => {
      await tools.connections.chooseVendor.mutate({ tool: choice.tool, provider });
      return true;
    });
    if (done) onChange();
  };
  return (
    <tr>
      <td>
        <label htmlFor={id}>
          <code>{choice.tool}</code>
        </label>
      </td>
      <td>
        <select
          id={id}
          value={choice.provider ?? ''}
          disabled={!canManage || action.busy}
          onChange={(event) => choose(event.target.value)}
        >
          <option value="">its one connected vendor</option>
          {able.map((vendor) => (
            <option key={vendor.provider} value={vendor.provider}>
              {vendor.name} ({vendor.health.replace('_', ' ')})
            </option>
          ))}
        </select>
        <ErrorNote error={action.error} />
      </td>
    </tr>
  );
}

/** Which vendor runs each tool for the org. */
export function VendorChoices({
  choices,
  vendors,
  canManage,
  onChange,
}: {
  choices: readonly Choice[];
  vendors: readonly Vendor[];
  canManage: boolean;
  onChange: () => void;
}) {
  return (
    <Table label="Vendor per tool" headers={['Tool', 'Vendor']}>
      {choices.map((choice) => (
        <ChoiceRow
          key={choice.tool}
          choice={choice}
          vendors={vendors}
          canManage={canManage}
          onChange={onChange}
        />
      ))}
    </Table>
  );
}
