const STORAGE_KEY = 'feedgate.apiKey';

/**
 * The API key: `?apiKey=` in the address wins (and is stored, then removed from the address
 * bar so it does not linger in history or screenshots), else the one saved in localStorage.
 */
export class ApiKeyStore {
  private current: string;

  constructor() {
    const url = new URL(window.location.href);
    const fromUrl = url.searchParams.get('apiKey')?.trim();
    if (fromUrl) {
      this.save(fromUrl);
      url.searchParams.delete('apiKey');
      window.history.replaceState(null, '', url.pathname + url.search + url.hash);
    }
    this.current = fromUrl || readStorage();
  }

  get key(): string {
    return this.current;
  }

  save(key: string): void {
    this.current = key.trim();
    try {
      window.localStorage.setItem(STORAGE_KEY, this.current);
    } catch {
      // Private mode or a full quota: the key still works for this page's lifetime.
    }
  }
}

function readStorage(): string {
  try {
    return window.localStorage.getItem(STORAGE_KEY) ?? '';
  } catch {
    return '';
  }
}
