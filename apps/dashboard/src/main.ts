import './styles.css';
import { AdminClient, AdminError, type Role } from './api/admin.client';
import { ApiKeyStore } from './api/api-key.store';
import { FeedSocket } from './api/feed.socket';
import { byId, toast } from './util/dom';
import { MarketView, type MarketDebug } from './views/market.view';
import { OperationsView, type OperationsDebug } from './views/operations.view';

type ViewName = 'market' | 'operations';

/** Read-only hook for the browser tests and for poking around in devtools. */
interface FeedgateDebug {
  readonly view: () => ViewName;
  readonly role: () => Role;
  readonly socket: () => string;
  readonly market: () => MarketDebug;
  readonly operations: () => OperationsDebug;
}

declare global {
  interface Window {
    __feedgate?: FeedgateDebug;
  }
}

const keys = new ApiKeyStore();
const admin = new AdminClient(keys);
const feed = new FeedSocket(keys);
const market = new MarketView(feed);
const operations = new OperationsView(admin, feed);
let view: ViewName = 'market';
let role: Role = 'none';
let socketState = 'offline';

function route(path: string): ViewName {
  return path.startsWith('/operations') ? 'operations' : 'market';
}

function show(next: ViewName): void {
  view = next;
  byId('view-market').hidden = next !== 'market';
  byId('view-operations').hidden = next !== 'operations';
  for (const a of document.querySelectorAll<HTMLAnchorElement>('nav a')) {
    a.classList.toggle('active', a.dataset.view === next);
  }
  operations.show(next === 'operations');
  document.title = `feedgate · ${next}`;
}

for (const a of document.querySelectorAll<HTMLAnchorElement>('nav a')) {
  a.addEventListener('click', (ev) => {
    ev.preventDefault();
    const url = new URL(a.href);
    url.search = window.location.search; // keep the symbol across views
    window.history.pushState(null, '', url.pathname + url.search);
    show(route(url.pathname));
  });
}
window.addEventListener('popstate', () => show(route(window.location.pathname)));

feed.onState((state, detail) => {
  socketState = state;
  const pill = byId('conn');
  pill.textContent = state === 'open' ? 'live' : state;
  pill.className = `pill ${state === 'open' ? 'ok' : state === 'closed' ? 'bad' : ''}`;
  pill.title = detail;
  if (detail.startsWith('gateway:')) toast(detail);
});

/** Checks the key, loads the symbols and (re)connects the feed. */
async function signIn(): Promise<void> {
  const pill = byId('role');
  try {
    role = await admin.role();
  } catch {
    role = 'none';
    pill.textContent = 'gateway unreachable';
    pill.className = 'pill bad';
    return;
  }
  pill.textContent = role === 'none' ? (keys.key ? 'bad key' : 'no key') : role;
  pill.className = `pill ${role === 'admin' ? 'admin' : role === 'viewer' ? 'ok' : 'bad'}`;
  operations.setRole(role);
  if (role === 'none') {
    openKeyDialog();
    return;
  }
  feed.connect();
  await loadSymbols();
}

async function loadSymbols(): Promise<void> {
  try {
    const exchanges = await admin.exchanges();
    market.setSymbols(exchanges.flatMap((e) => e.symbols));
  } catch (error) {
    toast(error instanceof AdminError ? error.message : 'cannot load symbols');
  }
}

function openKeyDialog(): void {
  const dialog = byId<HTMLDialogElement>('key-dialog');
  byId<HTMLInputElement>('key-input').value = keys.key;
  if (!dialog.open) dialog.showModal();
}

byId('key-button').addEventListener('click', openKeyDialog);
byId('key-cancel').addEventListener('click', () => byId<HTMLDialogElement>('key-dialog').close());
byId('key-form').addEventListener('submit', () => {
  keys.save(byId<HTMLInputElement>('key-input').value);
  void signIn();
});

window.setInterval(() => {
  byId('clock').textContent = new Date().toISOString().slice(11, 19) + 'Z';
}, 1000);
// New exchanges or symbols added through the admin API show up without a reload.
window.setInterval(() => role !== 'none' && void loadSymbols(), 15_000);

window.__feedgate = {
  view: () => view,
  role: () => role,
  socket: () => socketState,
  market: () => market.debug(),
  operations: () => operations.debug(),
};

show(route(window.location.pathname));
void signIn();
