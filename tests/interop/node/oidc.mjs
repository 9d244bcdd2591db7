// Signs in to a Grid tenant's OpenID Connect issuer with openid-client (v6, ESM): discovery, the authorization code
// flow with PKCE, the login driven by the password form over plain HTTP (no browser), the token exchange with ID token
// validation, userinfo, and a refresh.
//
//   node oidc.mjs ISSUER CLIENT_ID CLIENT_SECRET REDIRECT_URI CONNECTOR LOGIN PASSWORD
import * as oidc from 'openid-client';

const [issuer, clientId, clientSecret, redirectUri, connector, login, password] = process.argv.slice(2);
const insecure = { execute: [oidc.allowInsecureRequests] }; // the test host is plain HTTP on loopback

const config = await oidc.discovery(new URL(issuer), clientId, clientSecret, undefined, insecure);
console.log(`discovery ok issuer=${config.serverMetadata().issuer}`);

const verifier = oidc.randomPKCECodeVerifier();
const state = oidc.randomState();
const nonce = oidc.randomNonce();
const authorize = oidc.buildAuthorizationUrl(config, {
  redirect_uri: redirectUri,
  scope: 'openid profile email offline_access',
  code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
  code_challenge_method: 'S256',
  state,
  nonce,
});

// authorize -> the login page (not signed in yet)
const first = await fetch(authorize, { redirect: 'manual' });
const loginPage = new URL(first.headers.get('location'), authorize);
const returnTo = loginPage.searchParams.get('return_to');
if (first.status !== 302 || !returnTo) throw new Error(`authorize did not send to the login page: ${first.status}`);

// the password form -> the session cookie and back to authorize
const form = await fetch(new URL(loginPage.pathname + '/password', authorize), {
  method: 'POST',
  redirect: 'manual',
  headers: { 'content-type': 'application/x-www-form-urlencoded', origin: authorize.origin },
  body: new URLSearchParams({ connector, return_to: returnTo, login, password }),
});
const cookie = form.headers.getSetCookie().find(c => c.startsWith('grid_session='));
if (form.status !== 302 || !cookie) throw new Error(`password sign-in failed: ${form.status}`);

// authorize again, signed in -> the redirect URI with the code
const again = await fetch(new URL(returnTo, authorize), { redirect: 'manual', headers: { cookie: cookie.split(';')[0] } });
const callback = new URL(again.headers.get('location'));
console.log(`authorize ok redirect=${callback.origin}${callback.pathname}`);

const tokens = await oidc.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce });
const claims = tokens.claims();
console.log(`tokens ok sub=${claims.sub} preferred_username=${claims.preferred_username} email=${claims.email}`);

const info = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
console.log(`userinfo ok name=${info.name}`);

const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token);
console.log(`refresh ok rotated=${refreshed.refresh_token !== tokens.refresh_token}`);
console.log('oidc ok');
