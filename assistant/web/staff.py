"""Staff sign-in for the workspace: server-side sessions with expiry, logout and lockout.

The workspace token (from the environment only) is exchanged at login for a random
session id that the server keeps with the operator's name and an expiry; every staff
handler checks that id on the server. Gradio's own session hash is chosen by the client
and travels in URLs, so it is never trusted for access. Failed logins are counted per
client address: after ``max_failures`` within ``window`` seconds that client is locked out
for ``lockout`` seconds, whatever it sends. Deploy behind HTTPS: the token and the
session id cross the network in request bodies.
"""

from __future__ import annotations

import hmac
import os
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

TOKEN_ENV = "POLICY_ASSISTANT_WORKSPACE_TOKEN"
DENIED = "未授权：请先输入工作台口令。Unauthorised: enter the workspace token first."
EXPIRED = "会话已过期或已退出，请重新登录。The session has expired or was closed; sign in again."


class AccessDenied(PermissionError):
    """A staff action without a valid session, or a login that failed or is locked out."""


@dataclass
class _Session:
    who: str
    created: float
    seen: float


class StaffSessions:
    """Staff sessions in memory (a restart signs everyone out, which is the safe side)."""

    def __init__(self, idle_seconds: float = 1800, max_age_seconds: float = 8 * 3600, max_failures: int = 5,
                 window: float = 600, lockout: float = 300, max_sessions: int = 200,
                 token: Callable[[], str | None] = lambda: os.environ.get(TOKEN_ENV),
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.idle_seconds, self.max_age_seconds = idle_seconds, max_age_seconds
        self.max_failures, self.window, self.lockout = max_failures, window, lockout
        self.max_sessions = max_sessions
        self._token, self._clock = token, clock
        self._sessions: dict[str, _Session] = {}
        self._failures: dict[str, list[float]] = {}
        self._locked_until: dict[str, float] = {}
        self._lock = threading.Lock()

    def token_ok(self, token: object, client: str = "") -> bool:
        """Whether ``token`` is the workspace token; failures count towards the client's lockout."""
        with self._lock:
            now = self._clock()
            if self._locked_until.get(client, 0) > now:
                return False
            expected = self._token()
            ok = bool(expected) and isinstance(token, str) and hmac.compare_digest(token.encode(), expected.encode())
            if not ok:
                recent = [t for t in self._failures.get(client, []) if now - t < self.window] + [now]
                self._failures[client] = recent
                if len(recent) >= self.max_failures:
                    self._locked_until[client] = now + self.lockout
                    self._failures[client] = []
            return ok

    def locked(self, client: str = "") -> float:
        """Seconds left of ``client``'s lockout (0 when not locked)."""
        with self._lock:
            return max(0.0, self._locked_until.get(client, 0) - self._clock())

    def login(self, token: object, who: object, client: str = "") -> str:
        """A new session id for the operator ``who``, or :class:`AccessDenied`."""
        name = who.strip() if isinstance(who, str) else ""
        if not name or len(name) > 60:
            raise AccessDenied("请填写操作人姓名（60字以内）。Enter your name (up to 60 characters).")
        if not self.token_ok(token, client):
            wait = self.locked(client)
            raise AccessDenied(f"登录失败次数过多，请 {wait:.0f} 秒后再试。Too many failed attempts; "
                               f"try again in {wait:.0f} s." if wait else DENIED)
        session = secrets.token_urlsafe(32)
        with self._lock:
            now = self._clock()
            self._drop_expired(now)
            if len(self._sessions) >= self.max_sessions:  # the oldest session makes room
                self._sessions.pop(min(self._sessions, key=lambda s: self._sessions[s].seen))
            self._sessions[session] = _Session(name, now, now)
        return session

    def check(self, session: object) -> str:
        """The operator's name for a live session (its idle clock restarts), or :class:`AccessDenied`."""
        if not isinstance(session, str) or not session:
            raise AccessDenied(DENIED)
        with self._lock:
            now = self._clock()
            self._drop_expired(now)
            found = self._sessions.get(session)
            if found is None:
                raise AccessDenied(EXPIRED)
            found.seen = now
            return found.who

    def logout(self, session: object) -> None:
        with self._lock:
            if isinstance(session, str):
                self._sessions.pop(session, None)

    def _drop_expired(self, now: float) -> None:
        for key, found in list(self._sessions.items()):
            if now - found.seen > self.idle_seconds or now - found.created > self.max_age_seconds:
                del self._sessions[key]
