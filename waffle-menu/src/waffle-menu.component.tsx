import type { WaffleMenu as WaffleMenuData } from '@suite/hub-auth';

/** The product switcher: one link per product `GET /hub/waffle` returned, the current one marked. */
export function WaffleMenu({ menu, current }: { menu: WaffleMenuData; current?: string }) {
  return (
    <nav className="waffle-menu" aria-label={menu.org ? `${menu.org.name} products` : 'Products'}>
      <ul>
        {menu.items.map((item) => (
          <li key={item.product}>
            <a href={item.url} aria-current={item.product === current ? 'page' : undefined}>
              {item.name}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
