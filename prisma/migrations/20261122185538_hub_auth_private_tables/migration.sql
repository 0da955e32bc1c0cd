-- Hand-written (docs/decisions/0010-hub-sso.md): sessions and sign-ins in flight hold Hub tokens and
-- are read only by hub-auth through the system role, so module code on the application role cannot
-- reach them at all (the generated grants gave suite_app the same rights as every other table).
REVOKE ALL ON "platform"."hub_session", "platform"."hub_sign_in" FROM suite_app;
