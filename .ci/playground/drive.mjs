// Drives Microsoft 365 Agents Playground (its REST routes, its conversation WebSocket,
// and its page in headless Chromium) against iagbot serve: a question answered, a
// request submitted, the review card of CODIR-IN's channel seen by each person and
// approved by the reviewer while the requester's view shows the status; then the
// Annexe 1 form's first page refused with one error, and accepted once corrected.
//
// The playground sends every message as its current user (Alex Wilber, the requester
// and the administrator who registers the channel); invokes carry any member's id, so
// the reviewer (Megan Bowen, CODIR-IN) and an observer (Adele Vance) act by invokes.
import fs from 'node:fs';
import path from 'node:path';
import WebSocket from 'ws';
import puppeteer from 'puppeteer-core';

const PG = process.env.PLAYGROUND_URL || 'http://127.0.0.1:56150';
const ART = process.env.ARTIFACTS || '/tmp/playground-artifacts';
const STEP_MS = Number(process.env.STEP_TIMEOUT_MS || 20000);
const ALEX = 'user-id-0', MEGAN = 'user-id-1', ADELE = 'user-id-2';
const CHANNEL = 'team-id';

const frames = [];
let waiters = [];
let browser, page, socket;

function log(...a) { console.log('playground:', ...a); }
class Failure extends Error {}
function fail(msg) { throw new Failure(msg); }

async function api(method, route, body) {
  const res = await fetch(PG + route, { method, headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(STEP_MS) });
  const text = await res.text();
  if (!res.ok) fail(`${method} ${route}: HTTP ${res.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : null;
}

// The bot's messages as the playground's page receives them.
function listen() {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(PG.replace(/^http/, 'ws') + '/_ws_conversation/v1/conversations/stream');
    ws.on('message', (d) => {
      let f;
      try { f = JSON.parse(d.toString()); } catch { return; }
      frames.push(f);
      fs.appendFileSync(path.join(ART, 'frames.jsonl'), JSON.stringify(f) + '\n');
      waiters = waiters.filter((w) => !w(f));
    });
    ws.on('open', () => resolve(ws));
    ws.on('error', reject);
  });
}

// waitFor resolves with the first frame from index `from` on that pred accepts.
function waitFor(what, pred, from = 0) {
  const seen = frames.slice(from).find(pred);
  if (seen) return Promise.resolve(seen);
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Failure(`timed out after ${STEP_MS} ms waiting for ${what}`)), STEP_MS);
    waiters.push((f) => { if (!pred(f)) return false; clearTimeout(t); resolve(f); return true; });
  });
}

const textOf = (f) => JSON.stringify(f.message || f);
const inConv = (conv) => (f) => (f.actionConversationId || '').split(';')[0] === conv;
const cardOf = (f) => (f.message?.attachments || []).map((a) => a.content).find((c) => c && c.type === 'AdaptiveCard');

// settle waits for the bot's messages from frame index mark on, until none came for a
// moment, and returns them.
async function settle(what, mark) {
  await waitFor(what, (f) => f.action === 'createMessage' && f.message?.from?.id === BOT, mark);
  for (let n = -1; n !== frames.length;) {
    n = frames.length;
    await new Promise((r) => setTimeout(r, 400));
  }
  return frames.slice(mark).filter((f) => f.message?.from?.id === BOT);
}

// The bot takes ten messages at once from a person, then one every 2 s.
let sent = 0, lastSent = 0;
async function pace() {
  if (++sent > 8) {
    const wait = 2200 - (Date.now() - lastSent);
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
  lastSent = Date.now();
}

// say sends text as the current user and returns the bot's answer once complete.
async function say(conv, text, want) {
  await pace();
  const mark = frames.length;
  const body = { from: { id: ALEX }, text, textFormat: 'plain' };
  if (conv === CHANNEL) {
    body.text = '<at>Test Bot</at> ' + text;
    body.mentions = [{ mentioned: { id: BOT }, text: '<at>Test Bot</at>' }];
  }
  await api('POST', `/_conversation/v1/conversations/${encodeURIComponent(conv)}/messages`, body);
  const got = await settle(`the bot's answer to « ${text} »`, mark);
  const all = got.map(textOf).join('\n');
  if (/Doucement/.test(all)) fail(`the bot refused « ${text} » as too fast: the pacing is wrong`);
  if (want && !want.test(all)) fail(`answer to « ${text} » lacks ${want}: ${all.slice(0, 800)}`);
  return all;
}

// invoke presses an Action.Execute as user on message msg and returns the bot's invoke response.
async function invoke(user, conv, msg, verb, data = {}, trigger = 'manual') {
  return api('POST', '/_conversation/v1/invoke', { name: 'adaptiveCard/action', from: { id: user },
    conversation: { id: conv }, replyToId: msg,
    value: { action: { type: 'Action.Execute', verb, data: { verb, ...data } }, trigger } });
}

function verbs(card) {
  const out = [];
  JSON.stringify(card, (k, v) => { if (v && v.type === 'Action.Execute') out.push(v.verb); return v; });
  return out;
}

let BOT;
// A complete request as cmd/internal/app/journey_test.go types it (frenchRequest).
const requestLines = [
  'faire une demande', 'ChatGPT Edu', 'OpenAI', 'privé sécurisé', 'au Québec', 'non', 'non',
  'synthèse de documents, traduction', 'non', 'non', 'non', 'direction.batisseurs@cssdgs.gouv.qc.ca',
  'Version de ChatGPT pour les écoles, accessible avec le compte du centre de services.',
  'Préparer des résumés de textes et traduire des communications aux parents.',
  'La préparation prend trop de temps aux enseignants.', 'Environ deux heures par semaine par enseignant.',
  'Atelier de 90 minutes sur les biais et la confidentialité.', 'Ne jamais saisir de renseignements personnels.',
  'le 3 mars 2027 et le 10 mars 2027', '1er avril 2027', 'passer', 'Projet pilote avec trois enseignants avant d\'élargir.',
  'je sais pas', 'planifiée', '15 mars 2027', 'soumettre',
];

// inputsOf are the ids of a card's inputs; execOf the data of its Action.Execute verb;
// errorsOf the ⚠ lines of a form card, each with the input it sits under.
const inputsOf = (card) => card.body.filter((e) => /^Input\./.test(e.type)).map((e) => e.id);
function execOf(card, verb) {
  let data;
  JSON.stringify(card, (k, v) => { if (v && v.type === 'Action.Execute' && v.verb === verb) data = v.data; return v; });
  return data;
}
function errorsOf(card) {
  const out = [];
  let field = '';
  for (const e of card.body) {
    if (/^Input\./.test(e.type)) field = e.id;
    else if (e.type === 'TextBlock' && /^⚠/.test(e.text || '')) out.push({ field, text: e.text });
  }
  return out;
}

// annexeForm opens the form by typing, submits page 1 « Système » with a name too
// short (the dialog's reading refuses it), expects the same page back with the message
// under that field, then submits it corrected and expects page 2 « Utilisations ».
async function annexeForm(conv) {
  const mark = frames.length;
  await say(conv, 'remplir le formulaire');
  const posted = frames.slice(mark).find((f) => f.action === 'createMessage' && f.message?.from?.id === BOT && cardOf(f));
  if (!posted) fail(`« remplir le formulaire » posted no card: ${frames.slice(mark).map(textOf).join('\n').slice(0, 600)}`);
  const msg = posted.message.messageId, first = cardOf(posted);
  const next = execOf(first, 'annexe.form.next');
  if (!/^\d+:system$/.test(next?.subject || '')) fail(`the form's first page has no « Suivant » on N:system: ${JSON.stringify(first).slice(0, 600)}`);
  const subject = next.subject, id = subject.split(':')[0];
  const values = { 'system.name': 'ChatGPT Edu', 'system.vendor': 'OpenAI', 'system.kind': 'private',
    'system.hosting': 'canada', 'system.open': 'no', 'system.specialized': 'no' };
  const ids = inputsOf(first);
  if (JSON.stringify([...ids].sort()) !== JSON.stringify(Object.keys(values).sort()))
    fail(`the first page's inputs are ${ids}, the scenario fills ${Object.keys(values)}`);
  log('   form card', msg, 'subject', subject);

  const submit = async (what, vals) => {
    const res = await invoke(ALEX, conv, msg, 'annexe.form.next', { subject, ...vals });
    if (res?.type !== 'application/vnd.microsoft.card.adaptive' || res.value?.type !== 'AdaptiveCard')
      fail(`${what}: not a card response: ${JSON.stringify(res).slice(0, 600)}`);
    return res.value;
  };
  const before = frames.length;
  const refused = await submit('the page with a name too short', { ...values, 'system.name': 'X' });
  const errs = errorsOf(refused);
  if (execOf(refused, 'annexe.form.next')?.subject !== subject) fail(`the refused page is not page 1 again: ${JSON.stringify(refused).slice(0, 600)}`);
  if (errs.length !== 1 || errs[0].field !== 'system.name' || !/trop courte|too short/.test(errs[0].text))
    fail(`the refused page's messages are ${JSON.stringify(errs)}; want one « trop courte » under system.name`);
  if (refused.body.find((e) => e.id === 'system.name')?.value !== 'X') fail('the refused page lost the value typed');
  log('  ', errs[0].field, '→', errs[0].text);

  const accepted = await submit('the corrected page', values);
  if (execOf(accepted, 'annexe.form.next')?.subject !== `${id}:uses` || errorsOf(accepted).length)
    fail(`the corrected page did not lead to page 2 « uses »: ${JSON.stringify(accepted).slice(0, 600)}`);
  // As in Teams, the bot also writes each page over the form's message for the chat.
  await waitFor('the form\'s message rewritten with page 2',
    (f) => inConv(conv)(f) && /update/i.test(f.action) && JSON.stringify(f).includes(`"subject":"${id}:uses"`), before);
}

async function main() {
  fs.mkdirSync(ART, { recursive: true });
  const cfg = (await api('GET', '/_internal/v1/config')).config;
  BOT = cfg.bot.id;
  const personal = cfg.personalChat.id;
  socket = await listen();
  browser = await puppeteer.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    userDataDir: fs.mkdtempSync('/tmp/playground-chromium-'),
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'] });
  page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 1000 });
  await page.goto(PG + '/', { waitUntil: 'domcontentloaded', timeout: STEP_MS });

  log('1. a question');
  await say(personal, 'Puis-je utiliser ChatGPT pour résumer un texte ?', /ChatGPT/);
  log('2. the STI\'s channel, and the request');
  await say(CHANNEL, 'enregistrer ce canal pour STI', /C'est fait/);
  const mark = frames.length;
  let all = '';
  for (const line of requestLines) all = await say(personal, line);
  if (!/soumise|transmise/.test(all)) fail(`the request was not submitted: ${all.slice(-600)}`);
  const posted = await waitFor('the review card in the STI\'s channel',
    (f) => f.action === 'createMessage' && inConv(CHANNEL)(f) && cardOf(f), mark);
  const msg = posted.message.messageId;
  const thread = `${CHANNEL};messageid=${msg}`; // a channel post is its own thread
  const card = cardOf(posted);
  const rf = card.refresh;
  if (!rf || rf.action?.verb !== 'review.view') fail(`the posted card has no refresh review.view: ${JSON.stringify(rf)}`);
  const subject = rf.action.data.subject;
  log('   card', msg, 'subject', subject, 'refresh userIds', JSON.stringify(rf.userIds || null));

  log('3. each person\'s view');
  const view = async (user) => {
    const res = await invoke(user, thread, msg, 'review.view', { subject }, 'automatic');
    if (res?.type !== 'application/vnd.microsoft.card.adaptive') fail(`view of ${user}: ${JSON.stringify(res).slice(0, 400)}`);
    return res.value;
  };
  const reviewer = await view(MEGAN), requester = await view(ALEX), other = await view(ADELE);
  if (!verbs(reviewer).includes('review.approve')) fail(`the reviewer's view has no Approuver: ${verbs(reviewer)}`);
  if (verbs(requester).includes('review.approve') || !/Votre demande — étape : analyse par le STI|Your request — stage: STI analysis/.test(JSON.stringify(requester)))
    fail(`the requester's view: ${JSON.stringify(requester).slice(0, 600)}`);
  if (verbs(other).includes('review.approve') || !/Résumé en lecture seule|Read-only summary/.test(JSON.stringify(other)))
    fail(`another member's view: ${JSON.stringify(other).slice(0, 600)}`);

  log('4. the STI completes its items and approves');
  const items = {};
  for (const tag of ['a1.sti.risks.organisational', 'a1.sti.risks.causes', 'a1.sti.risks.evaluation', 'a1.sti.risks.mitigation',
    'a1.sti.risks.results', 'a1.sti.risks.followup', 'a1.sti.impacts.evaluation', 'a1.sti.oversight.supervision',
    'a1.sti.oversight.explanations', 'a1.sti.improvement', 'a1.sti.dng.lifecycle', 'a1.sti.dng.security_profile',
    'a1.sti.dng.classification', 'a1.sti.dng.minimum_controls', 'a1.sti.dng.access']) items['sti:' + tag] = 'Évalué par le STI selon son gabarit habituel.';
  items['sti:risk.review_interval'] = 'à chaque étape';
  const filled = await invoke(MEGAN, thread, msg, 'review.sti_fill', { subject, ...items });
  if (!/enregistrés|saved/.test(JSON.stringify(filled))) fail(`the STI's items: ${JSON.stringify(filled).slice(0, 600)}`);
  const before = frames.length;
  const approved = await invoke(MEGAN, thread, msg, 'review.approve', { subject, comment: '' });
  if (!/CODIR-IN/.test(JSON.stringify(approved))) fail(`approve: ${JSON.stringify(approved).slice(0, 600)}`);
  await waitFor('the channel\'s card rewritten with the decision',
    (f) => inConv(CHANNEL)(f) && /update/i.test(f.action) && /(Approuvée par|Approved by) Megan/.test(JSON.stringify(f)), before);

  log('5. the requester\'s view and list show where the request is');
  const after = await view(ALEX);
  if (!/(Approuvée par|Approved by) Megan/.test(JSON.stringify(after)) || verbs(after).includes('review.approve'))
    fail(`the requester's view after the decision: ${JSON.stringify(after).slice(0, 600)}`);
  await say(personal, 'mes demandes', /En analyse au CODIR-IN/);

  log('6. the Annexe 1 form: its first page refused with one error, then accepted');
  await annexeForm(personal);
  await page.screenshot({ path: path.join(ART, 'end.png'), fullPage: true });
}

main().then(async () => {
  await browser?.close();
  log('done');
  process.exit(0); // the WebSocket would keep node running
}).catch(async (e) => {
  console.error('playground: FAILED:', e instanceof Failure ? e.message : e.stack);
  try {
    if (page) await page.screenshot({ path: path.join(ART, 'failure.png'), fullPage: true });
  } catch {}
  await browser?.close();
  process.exit(1);
});
