"""Writing output files atomically: a crash, Ctrl-C or a second writer never leaves half a file.

The bytes go to a temporary file beside the target, are flushed to disk, and
the temporary file is renamed over the target (an atomic step on POSIX and
Windows). Two runs writing the same file at once each rename a complete file:
the last one wins, and the file is always whole.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import signal
import stat
import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from cv651.errors import OutputError, RefusalError
from cv651.i18n import _


def refuse_existing(path: Path | None, *, force: bool) -> None:
    """An existing output file is kept unless --force (checked again at writing); what is
    not a regular file (/dev/null, a FIFO, a folder) is never replaced, even with --force."""
    if path is None:
        return
    try:
        mode = path.stat().st_mode  # through a link: /dev/stdout is a link to a device
    except (OSError, ValueError):
        return
    if not stat.S_ISREG(mode):
        what = (
            _("{path} is a folder, not a regular file; cv651 will not replace it")
            if stat.S_ISDIR(mode)
            else _("{path} is a device or a pipe, not a regular file; cv651 will not replace it")
        )
        raise RefusalError(what.format(path=path), hint=_("name a file to write"))
    if not force:
        raise RefusalError(
            _("{path} exists").format(path=path), hint=_("use --force to overwrite it")
        )


def refuse_data_folder(path: Path | None) -> None:
    """Reports, tables and schemas never go under a data repository's data/: the data
    changes only through people and review (`summarize -o data/plan_40.yaml --force`
    replaced the plan with a report, issue #12)."""
    if path is None:
        return
    for folder in path.absolute().parents:
        if folder.name == "data" and (folder / "provinces.yaml").is_file():
            message = _(
                "{path} is inside {folder}, the data of a repository; cv651 writes nothing there"
            )
            raise RefusalError(
                message.format(path=path, folder=folder),
                hint=_("write it elsewhere, e.g. reports/"),
            )
    with contextlib.suppress(OSError, RuntimeError):  # a link into data/ counts too
        real = path.resolve()
        if real != path.absolute():
            refuse_data_folder(real)


def write_all(outputs: list[tuple[Path, bytes]], *, force: bool) -> None:
    """Several files, all or none: each is written beside its target first, and only
    when every one is whole are they renamed into place (an export's second CSV that
    cannot be written leaves no first one behind). A rename that fails puts back what
    the ones before it replaced: the old file, or no file where there was none; what
    cannot be put back is named. Ctrl-C waits until the renames are done or undone."""
    for path, _data in outputs:
        refuse_existing(path, force=force)
    staged: list[tuple[str, Path]] = []
    try:
        for path, data in outputs:
            staged.append((_staged(path, data), path))
        held = _hold_sigint()
        try:
            _rename_all(staged)
        finally:
            _release(held)  # a Ctrl-C that came meanwhile is raised here
    except BaseException:
        for temporary, _target in staged:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
        raise


def _rename_all(staged: list[tuple[str, Path]]) -> None:
    """Each staged file renamed over its target; on any failure, or an interrupt where
    SIGINT cannot be held (Windows, a thread), the ones renamed are put back."""
    kept: list[_Kept] = []
    done = 0
    try:
        if len(staged) > 1:  # one file is whole or not renamed: nothing to put back
            for _temporary, path in staged:
                kept.append(_keep(path))
        for temporary, path in staged:
            os.replace(temporary, path)
            done += 1
    except BaseException as exc:
        left = [k.path for k in kept[:done] if not k.put_back()]
        if not isinstance(exc, OSError):
            raise
        hint = None
        if left:
            hint = _("written all the same, the old ones lost: {paths}").format(
                paths=", ".join(str(p) for p in left)
            )
        path = staged[min(done, len(staged) - 1)][1]
        raise OutputError(
            _("cannot write {path}: {strerror}").format(path=path, strerror=exc.strerror),
            hint=hint,
        ) from None
    finally:
        for copy in kept:
            copy.discard()


@dataclass(frozen=True, slots=True)
class _Kept:
    """What a target was before write_all renamed over it: a hard link to the old file
    (a copy where links fail), or `existed=False`."""

    path: Path
    existed: bool
    old: str | None = None

    def put_back(self) -> bool:
        try:
            if self.old is not None:
                os.replace(self.old, self.path)
            elif not self.existed:
                os.unlink(self.path)
            else:
                return False  # no copy of the old file could be made
        except OSError:
            return False
        return True

    def discard(self) -> None:
        if self.old is not None:
            with contextlib.suppress(OSError):
                os.unlink(self.old)


def _keep(path: Path) -> _Kept:
    if not os.path.lexists(path):
        return _Kept(path, existed=False)
    folder = path.parent if str(path.parent) else Path(".")
    for _attempt in range(16):
        old = str(folder / f".cv651-{secrets.token_hex(6)}.old")
        try:
            os.link(path, old, follow_symlinks=False)  # a new name, never an existing one
        except FileExistsError:
            continue
        except OSError:
            break  # a file system without hard links
        return _Kept(path, existed=True, old=old)
    return _copied(path, folder)


def _copied(path: Path, folder: Path) -> _Kept:
    """The old file's bytes and mode in a file mkstemp made (no name that can be taken
    meanwhile); a link's target is copied, not the link."""
    try:
        fd, old = tempfile.mkstemp(prefix=".cv651-", suffix=".old", dir=folder)
    except OSError:
        return _Kept(path, existed=True)
    try:
        with os.fdopen(fd, "wb") as copy, path.open("rb") as original:
            shutil.copyfileobj(original, copy)
        shutil.copymode(path, old)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(old)
        return _Kept(path, existed=True)
    return _Kept(path, existed=True, old=old)


@contextlib.contextmanager
def exclusive(folder: Path, waiting: Callable[[], None] | None = None) -> Iterator[None]:
    """Another cv651 process that asks for the same folder waits until this one is done
    (an advisory flock on the folder, POSIX): `record` checks that its files are
    unchanged and writes them as one step. `waiting` is called once if it has to wait.
    Where locks do not exist (Windows, some network file systems), nothing waits and
    the check alone guards. Not re-entrant: a nested call on the same folder would wait
    for itself."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover  (Windows)
        yield
        return
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        yield
        return
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if waiting is not None:
                waiting()
            with contextlib.suppress(OSError):
                fcntl.flock(fd, fcntl.LOCK_EX)
        except OSError:  # a file system without locks: the check guards
            pass
        yield
    finally:
        os.close(fd)  # releases the lock


def write_atomic(path: Path, data: bytes, *, force: bool) -> None:
    write_all([(path, data)], force=force)


def write_new(path: Path, data: bytes) -> None:
    """A new file, whole or not at all, that never replaces one: FileExistsError when
    the name is taken, even by a file that appeared while this one was written."""
    temporary = _staged(path, data)
    try:
        try:
            os.link(temporary, path)  # fails if the name exists: never overwrite
        except FileExistsError:
            raise
        except OSError:  # a file system without hard links
            if os.path.lexists(path):
                raise FileExistsError(path) from None
            os.replace(temporary, path)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporary)


def _staged(path: Path, data: bytes) -> str:
    """`data` in a temporary file beside `path`, flushed to disk; its name."""
    folder = path.parent if str(path.parent) else Path(".")
    _make_folder(folder, path)
    held = _hold_sigint()  # Ctrl-C between mkstemp and `try` would leave the temporary file
    try:
        # A short name: `.{name}.XXXX.tmp` made a legal 250-byte name too long (issue #12).
        fd, temporary = tempfile.mkstemp(prefix=".cv651-", suffix=".tmp", dir=folder)
    except OSError as exc:
        _release(held)
        raise OutputError(
            _("cannot write {path}: {strerror}").format(path=path, strerror=exc.strerror),
            hint=_("choose a folder you can write to"),
        ) from None
    try:
        _release(held)
        _give_normal_mode(fd, path)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException as exc:  # KeyboardInterrupt included: never leave the temporary file
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(exc, OSError):
            raise OutputError(
                _("cannot write {path}: {strerror}").format(path=path, strerror=exc.strerror)
            ) from None
        raise
    return temporary


def _hold_sigint() -> set[int | signal.Signals] | None:
    """Block SIGINT (POSIX, main thread); the previous mask, to give to _release."""
    if not hasattr(signal, "pthread_sigmask"):
        return None
    if threading.current_thread() is not threading.main_thread():
        return None
    return signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})


def _release(held: set[int | signal.Signals] | None) -> None:
    if held is not None:  # a Ctrl-C that came meanwhile is raised here, inside the `try`
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def _make_folder(folder: Path, path: Path) -> None:
    """A missing output folder is created, as `mkdir -p` would (issue #11: `-o out/x.docx`)."""
    if folder.is_dir():
        return
    if folder.exists():
        raise OutputError(
            _("cannot write {path}: {folder} is not a folder").format(path=path, folder=folder)
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(
            _(
                "cannot write {path}: the folder {folder} does not exist and cannot be "
                "created ({reason})"
            ).format(path=path, folder=folder, reason=exc.strerror)
        ) from None


def _give_normal_mode(fd: int, path: Path) -> None:
    """mkstemp makes 0600 files; the output gets what `open(path, "w")` would give:
    the existing file's mode when it is replaced, else 0666 less the umask."""
    if not hasattr(os, "fchmod"):  # Windows: no POSIX modes to keep
        return
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except OSError:
        mode = 0o666 & ~_umask()
    os.fchmod(fd, mode)


def _umask() -> int:
    current = os.umask(0o022)  # reading the umask means setting it; put it straight back
    os.umask(current)
    return current
