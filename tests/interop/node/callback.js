// Posts WeCom change callbacks to Grid's receiver, encrypted and signed by Tencent's official @wecom/crypto package:
// one as WeCom sends it (expected 200) and one with its ciphertext tampered after signing (expected 4xx).
//
//   node callback.js RECEIVER_URL TOKEN ENCODING_AES_KEY CORP_ID USERID
'use strict';

const { encrypt, getSignature, decrypt } = require('@wecom/crypto');

async function post(url, token, aesKey, corpId, body, tamper) {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = String(Math.floor(Math.random() * 1e9));
  const encrypted = encrypt(aesKey, body, corpId);
  const signature = getSignature(token, timestamp, nonce, encrypted);
  // Flip one base64 character after signing: the signature no longer covers the ciphertext.
  const sent = tamper ? (encrypted[0] === 'A' ? 'B' : 'A') + encrypted.slice(1) : encrypted;
  const envelope = `<xml><ToUserName><![CDATA[${corpId}]]></ToUserName><AgentID><![CDATA[1000002]]></AgentID>`
    + `<Encrypt><![CDATA[${sent}]]></Encrypt></xml>`;
  const target = `${url}?msg_signature=${signature}&timestamp=${timestamp}&nonce=${nonce}`;
  const response = await fetch(target, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: envelope });
  return response.status;
}

async function main() {
  const [url, token, aesKey, corpId, userId] = process.argv.slice(2);
  if (!userId) {
    console.error('usage: node callback.js RECEIVER_URL TOKEN ENCODING_AES_KEY CORP_ID USERID');
    process.exit(2);
  }

  const event = `<xml><ToUserName><![CDATA[${corpId}]]></ToUserName><FromUserName><![CDATA[sys]]></FromUserName>`
    + `<CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType><![CDATA[event]]></MsgType>`
    + `<Event><![CDATA[change_contact]]></Event><ChangeType>create_user</ChangeType>`
    + `<UserID><![CDATA[${userId}]]></UserID><Name><![CDATA[互操作]]></Name></xml>`;

  // The package's own round trip first, so that a failure below is Grid's, not the package's.
  const roundTrip = decrypt(aesKey, encrypt(aesKey, event, corpId));
  if (roundTrip.message !== event || roundTrip.id !== corpId) {
    console.error('@wecom/crypto round trip failed');
    process.exit(1);
  }

  console.log(`accepted ${await post(url, token, aesKey, corpId, event, false)}`);
  console.log(`tampered ${await post(url, token, aesKey, corpId, event.replace('互操作', '篡改'), true)}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
