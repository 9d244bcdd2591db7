'use strict';
// A Grid client written against protos/ alone, with @grpc/grpc-js: gets a token, configures a WeCom connector,
// validates it, runs a full sync watched to its end, and looks an account up; with the auth.frontend scope it also
// begins a WeCom QR sign-in, signs that account in with a password, validates the session's token and revokes it.
// Prints one line per step and exits non-zero on the first failure.
//
// usage: node client.js <grpc address> <credentials.json> [connector.json]
//   grpc address      e.g. http://127.0.0.1:5081
//   credentials.json  {"tenant_id", "client_id", "client_secret"} (a dev host writes .grid/credentials.json)
//   connector.json    ConfigureWeComRequest as JSON without tenant_id/connector_id (proto field names)

const fs = require('node:fs');
const path = require('node:path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const PROTOS = path.resolve(__dirname, '..', '..', '..', 'protos');
const CONNECTOR = 'node-interop';

function load() {
  const definition = protoLoader.loadSync(
    ['grid/v1/auth.proto', 'grid/v1/admin.proto', 'grid/v1/directory.proto'],
    { includeDirs: [PROTOS], keepCase: true, longs: String, enums: String, defaults: true, oneofs: true });
  return grpc.loadPackageDefinition(definition).grid.v1;
}

function unary(client, method, request, metadata) {
  return new Promise((resolve, reject) => {
    const deadline = new Date(Date.now() + 30000);
    client[method](request, metadata ?? new grpc.Metadata(), { deadline }, (error, response) =>
      error ? reject(error) : resolve(response));
  });
}

function watchRun(admin, request, metadata) {
  return new Promise((resolve, reject) => {
    const call = admin.WatchSyncRun(request, metadata, { deadline: new Date(Date.now() + 120000) });
    let last = null;
    call.on('data', (update) => {
      last = update.run;
      console.log(`sync progress state=${last.state} phase=${last.progress?.phase ?? ''} completed=${last.progress?.completed ?? 0}`);
    });
    call.on('error', reject);
    call.on('end', () => (last ? resolve(last) : reject(new Error('WatchSyncRun sent no update'))));
  });
}

function check(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}

async function main() {
  const [address, credentialsPath, connectorPath] = process.argv.slice(2);
  if (!address || !credentialsPath) {
    throw new Error('usage: node client.js <grpc address> <credentials.json> [connector.json]');
  }

  const target = address.replace(/^https?:\/\//, '').replace(/\/$/, '');
  const credentials = JSON.parse(fs.readFileSync(credentialsPath, 'utf8'));
  const v1 = load();
  const insecure = grpc.credentials.createInsecure();
  const auth = new v1.Auth(target, insecure);
  const admin = new v1.Admin(target, insecure);
  const directory = new v1.Directory(target, insecure);

  try {
    await unary(directory, 'ListOrganizations', { tenant_id: credentials.tenant_id, whole_tree: true });
    throw new Error('a call without a token was accepted');
  } catch (error) {
    check(error.code === grpc.status.UNAUTHENTICATED, `a call without a token gave ${error.code}: ${error.details}`);
    console.log('anonymous call refused: UNAUTHENTICATED');
  }

  const token = await unary(auth, 'IssueToken', { client_id: credentials.client_id, client_secret: credentials.client_secret });
  check(token.token_type === 'Bearer' && token.access_token.length > 0, 'IssueToken returned no bearer token');
  console.log(`token ok tenant=${token.tenant_id} scopes=${token.scopes.join(',')}`);
  const metadata = new grpc.Metadata();
  metadata.set('authorization', `Bearer ${token.access_token}`);
  const tenant = token.tenant_id;

  if (connectorPath) {
    const request = JSON.parse(fs.readFileSync(connectorPath, 'utf8'));
    const configured = await unary(admin, 'ConfigureWeCom', { ...request, tenant_id: tenant, connector_id: CONNECTOR }, metadata);
    check(configured.connector.has_app_secret === true, 'the stored connector has no app secret');
    check(configured.connector.settings.app_secret === '', 'the server returned a secret');
    console.log(`configure ok connector=${CONNECTOR} has_app_secret=${configured.connector.has_app_secret}`);

    const report = await unary(admin, 'ValidateWeCom', { tenant_id: tenant, connector_id: CONNECTOR }, metadata);
    console.log(`validate ok valid=${report.valid} findings=${report.findings.length}`);

    const started = await unary(admin, 'StartSync', { tenant_id: tenant, connector_id: CONNECTOR, dry_run: false }, metadata);
    console.log(`sync started run=${started.run.run_id}`);
    const final = await watchRun(admin, { tenant_id: tenant, connector_id: CONNECTOR, run_id: started.run.run_id }, metadata);
    check(final.state === 'SYNC_RUN_STATE_SUCCEEDED', `the run ended ${final.state}: ${final.message}`);
    console.log(`sync ended state=${final.state} accounts_created=${final.applied.accounts_created}`);
  }

  // An active account: the generated company also has disabled and not-activated members, who cannot sign in.
  const page = await unary(directory, 'ListAccounts', { tenant_id: tenant, page_size: 100 }, metadata);
  const account = page.accounts.find((a) => a.status === 'ACCOUNT_STATUS_ACTIVE');
  check(account !== undefined, 'the tenant has no active account to look up');
  const byUsername = await unary(directory, 'LookupAccount', { tenant_id: tenant, username: account.username }, metadata);
  check(byUsername.account.account_id === account.account_id, 'lookup by username found another account');
  console.log(`lookup ok account=${byUsername.account.account_id} username=${byUsername.account.username}`);
  const wecom = account.external_ids.find((id) => id.source.startsWith('wecom:'));
  if (connectorPath && wecom) {
    const byUserid = await unary(directory, 'LookupAccount',
      { tenant_id: tenant, connector_id: CONNECTOR, wecom_userid: wecom.value }, metadata);
    check(byUserid.account.account_id === account.account_id, 'lookup by WeCom userid found another account');
    console.log(`lookup by wecom userid ok userid=${wecom.value}`);
  }

  if (connectorPath && token.scopes.includes('auth.frontend')) {
    const begun = await unary(auth, 'BeginWeComLogin',
      { tenant_id: tenant, connector_id: CONNECTOR, mode: 'WE_COM_LOGIN_MODE_QR', return_to: '/' }, metadata);
    const url = new URL(begun.url);
    check(url.pathname === '/wwlogin/sso/login' && url.searchParams.get('state') === begun.state, 'BeginWeComLogin gave no QR login URL with its state');
    check(begun.browser_binding.length > 0 && begun.expires_at, 'BeginWeComLogin gave no browser binding or expiry');
    console.log(`begin wecom login ok redirect_uri=${url.searchParams.get('redirect_uri')}`);
  }

  try {
    await unary(directory, 'GetAccount', { tenant_id: tenant, account_id: 'acc_does_not_exist' }, metadata);
    throw new Error('an unknown account was found');
  } catch (error) {
    check(error.code === grpc.status.NOT_FOUND, `an unknown account gave ${error.code}: ${error.details}`);
    console.log('unknown account: NOT_FOUND');
  }

  if (connectorPath && token.scopes.includes('auth.frontend')) {
    await signIn(auth, admin, metadata, tenant, account);
  }

  console.log('interop ok');
}

// Password sign-in as a sign-in front end would do it: set a password (Admin), log in, validate, revoke, validate.
async function signIn(auth, admin, metadata, tenant, account) {
  const password = 'node interop password';
  await unary(admin, 'SetAccountPassword', { tenant_id: tenant, account_id: account.account_id, password }, metadata);
  const login = await unary(auth, 'PasswordLogin',
    { tenant_id: tenant, connector_id: CONNECTOR, login: account.username, password }, metadata);
  const session = login.session;
  check(session.account_id === account.account_id && session.method === 'SIGN_IN_METHOD_PASSWORD', 'PasswordLogin signed in another account');
  const valid = await unary(auth, 'ValidateToken', { tenant_id: tenant, access_token: session.access_token }, metadata);
  check(valid.account_id === account.account_id && valid.session_id === session.session_id, 'ValidateToken named another session');
  console.log(`validate token ok account=${valid.account_id} amr=${valid.claims.amr}`);
  await unary(auth, 'RevokeSession', { tenant_id: tenant, session_id: session.session_id }, metadata);
  try {
    await unary(auth, 'ValidateToken', { tenant_id: tenant, access_token: session.access_token }, metadata);
    throw new Error('a revoked session\'s token validated');
  } catch (error) {
    check(error.code === grpc.status.UNAUTHENTICATED, `a revoked session's token gave ${error.code}: ${error.details}`);
    console.log('revoked token: UNAUTHENTICATED');
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(`interop failed: ${error.code !== undefined ? `${error.code} ` : ''}${error.details ?? error.message}`);
    process.exit(1);
  });
