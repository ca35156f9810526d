"""Running MkDocs on the generated pages, quietly, with its warnings as Swedish errors."""

from __future__ import annotations

import logging
import os
import signal
from pathlib import Path

from generators.errors import StyrdokError
from generators.parallel import born_deaf_to_ctrl_c, die_with_parent


class SiteBuildError(StyrdokError):
    """MkDocs refused the generated pages (a broken link, a missing file)."""

    def __str__(self) -> str:
        return f"webbplatsen kunde inte byggas: {self.args[0]}"


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _quicker_theme(configuration, folder: Path) -> None:
    """Two things MkDocs does on every build that the result does not need done again.

    It compiles each of the theme's templates anew (and the search plugin its language
    templates), about half its time on the bundled pages: Jinja's bytecode cache in folder keeps
    them compiled between builds (generators.cache.compiled_templates: a changed template is
    compiled again).

    It lists every file of the theme to find the static ones to copy, Material's 14 000 icons
    in hidden folders included, and then drops every path with a part that starts with '.':
    _theme_loader does not look into those folders. The site comes out the same."""
    import jinja2

    from generators.cache import compiled_templates
    cache = compiled_templates(folder)
    theme, make_env = configuration.theme, configuration.theme.get_env

    def get_env() -> jinja2.Environment:
        env = make_env()
        env.loader = _theme_loader(theme.dirs)
        env.bytecode_cache = cache
        return env
    theme.get_env = get_env


def _theme_loader(dirs: list[str]):
    import jinja2

    class ThemeLoader(jinja2.FileSystemLoader):
        """jinja2.FileSystemLoader.list_templates without the hidden folders."""

        def list_templates(self) -> list[str]:
            found = set()
            for searchpath in self.searchpath:
                for dirpath, dirnames, filenames in os.walk(searchpath, followlinks=self.followlinks):
                    dirnames[:] = [name for name in dirnames if not name.startswith(".")]
                    for filename in filenames:
                        template = os.path.join(dirpath, filename)[len(searchpath):].strip(os.path.sep)
                        template = template.replace(os.path.sep, "/")
                        found.add(template[2:] if template[:2] == "./" else template)
            return sorted(found)

    return ThemeLoader(dirs)


def build_site(config_file: Path, template_cache: Path | None = None) -> None:
    """mkdocs build --strict of the config the build wrote; SiteBuildError on any warning.
    template_cache: a folder for the compiled theme templates, kept between builds."""
    from mkdocs import config as mkdocs_config
    from mkdocs.commands import build as mkdocs_build
    from mkdocs.exceptions import MkDocsException

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # we know; the site also builds with Zensical
    collector = _Collect()
    logger = logging.getLogger("mkdocs")
    previous = logger.level
    logger.addHandler(collector)
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    try:
        configuration = mkdocs_config.load_config(str(config_file), strict=True)
        if template_cache is not None:
            _quicker_theme(configuration, template_cache)
        mkdocs_build.build(configuration)
        if not configuration.site_url:  # a sitemap without addresses says nothing: leave it out
            for name in ("sitemap.xml", "sitemap.xml.gz"):
                (Path(configuration.site_dir) / name).unlink(missing_ok=True)
    except MkDocsException as error:
        raise SiteBuildError("; ".join(collector.messages) or str(error)) from None
    finally:
        logger.removeHandler(collector)
        logger.setLevel(previous)
        logger.propagate = True
    if collector.messages:
        raise SiteBuildError("; ".join(collector.messages))


class SiteWorker:
    """MkDocs in a second process, started before the content is even loaded so that its
    imports overlap the build's own work; it builds when told which config to build."""

    def __init__(self):
        import multiprocessing

        self.process = None
        self.busy = False
        self.config_file: Path | None = None
        self.template_cache: Path | None = None
        if "fork" not in multiprocessing.get_all_start_methods():
            return  # MkDocs then runs in this process, in wait()
        context = multiprocessing.get_context("fork")
        self.connection, child = context.Pipe()
        self.process = context.Process(target=_worker, args=(child,), daemon=True)
        with born_deaf_to_ctrl_c():  # the child is born deaf to Ctrl-C, with no window before _worker runs
            self.process.start()

    def build(self, config_file: Path, template_cache: Path | None = None) -> None:
        if self.process is None:
            self.config_file, self.template_cache = config_file, template_cache
        else:
            self.connection.send((str(config_file), template_cache and str(template_cache)))
            self.busy = True

    def wait(self) -> None:
        """Block until the site is built; SiteBuildError if MkDocs refused it."""
        if self.process is None:
            build_site(self.config_file, self.template_cache)
            return
        try:
            message = self.connection.recv()
        except EOFError:
            message = "MkDocs avbröts"
        self.busy = False
        self.process.join()
        if message:
            raise SiteBuildError(message)

    def cancel(self) -> None:
        """Stop the worker: idle, it is told to go; still building (Ctrl-C, an error in the
        parent), it is terminated, quietly, since it ignores SIGINT and has nothing to report."""
        if self.process is None or not self.process.is_alive():
            return
        if not self.busy:
            try:
                self.connection.send(None)
                self.process.join(timeout=5)
            except OSError:
                pass
        if self.process.is_alive():
            self.process.terminate()
            self.process.join()


def _worker(connection) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to report, once, in Swedish
    die_with_parent()
    _warm_up()
    order = connection.recv()
    if order is None:
        return
    config_file, template_cache = order
    try:
        build_site(Path(config_file), template_cache and Path(template_cache))
        connection.send("")
    except SiteBuildError as error:
        connection.send(error.args[0])
    except Exception as error:  # noqa: BLE001 - reported to the parent, which raises it
        connection.send(f"{type(error).__name__}: {error}")


WARM_UP = ("material", "material.templates", "material.plugins.search.plugin", "mkdocs.config.defaults",
           "mkdocs.commands.build", *(f"markdown.extensions.{name}" for name in (
               "admonition", "attr_list", "md_in_html", "footnotes", "tables", "toc", "fenced_code")))
"""What MkDocs imports to load the config and the theme and to convert the pages: the theme,
its search plugin, the Markdown extensions mkdocs.yml names and the ones MkDocs adds itself."""


def _warm_up() -> None:
    """Import WARM_UP while the parent still loads the content: none of it is left for the build."""
    from importlib import import_module
    for name in WARM_UP:
        try:
            import_module(name)
        except ImportError:  # another version of MkDocs or Material: the build imports what it needs
            pass
