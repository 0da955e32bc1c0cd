// Module hooks for a child process: resolving any of the packages named in `data` fails, naming the importer.
let refused = [];

export function initialize(data) {
  refused = data;
}

export async function resolve(specifier, context, nextResolve) {
  const parts = specifier.split('/');
  const packageName = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
  if (refused.includes(packageName)) throw new Error(`${specifier} imported by ${context.parentURL}`);
  return nextResolve(specifier, context);
}
