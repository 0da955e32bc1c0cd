/** Placeholder: the tool layer's Settings → Integrations page joins here when its procedures land. */
export function IntegrationsPage() {
  return (
    <section>
      <h1>Integrations</h1>
      <p>
        Vendor connections (Connect, Save &amp; Test, Verify, connection health) arrive with the tool layer.
        This page is a placeholder until its staff procedures exist.
      </p>
    </section>
  );
}
