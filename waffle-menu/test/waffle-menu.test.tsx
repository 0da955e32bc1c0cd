import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { WaffleMenu } from '../src';

describe('WaffleMenu', () => {
  it('renders one link per product it is given, in order, marking the current one', () => {
    const html = renderToStaticMarkup(
      <WaffleMenu
        current="psa"
        menu={{
          org: { id: 'org', name: 'Contoso IT' },
          items: [
            { product: 'crm', name: 'CRM', url: 'https://suite.example/crm/' },
            { product: 'psa', name: 'PSA', url: 'https://suite.example/psa/' },
          ],
        }}
      />,
    );
    expect(html).toBe(
      '<nav class="waffle-menu" aria-label="Contoso IT products"><ul>' +
        '<li><a href="https://suite.example/crm/">CRM</a></li>' +
        '<li><a href="https://suite.example/psa/" aria-current="page">PSA</a></li>' +
        '</ul></nav>',
    );
  });
});
