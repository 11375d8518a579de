"""The ``matchbot`` command line: seed, import, export and match the catalog; run the bot or chat with it.

Every command reads :class:`~bot.settings.Settings` once and works on ``DATABASE_URL``. Exit status 0
means success, 1 that the input was refused (nothing was written), 2 a usage error.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

from pydantic import ValidationError
from sqlalchemy import Engine
from sqlmodel import Session

from bot.i18n import is_persian
from bot.logs import protect_outputs
from bot.services import audit, catalog, demand, exports, registry, scorecard
from bot.services.problems import CsvFormatError, RowError
from bot.services.inputs import NumberError, parse_whole_number
from bot.services.scorecard import Scorecard
from bot.services.search import Matcher, Result
from bot.settings import Settings
from bot.store import catalog as store
from bot.store import schema
from bot.store.db import make_engine
from bot.store.models import DemandState, utcnow

Command = Callable[[argparse.Namespace, Settings], int]
REFUSED_TOKEN = "the Bot API refused TELEGRAM_BOT_TOKEN (401 Unauthorized): check it with @BotFather (/token)"


def _engine(settings: Settings) -> Engine:
    """The database, upgraded to the current schema: these are tools a person runs by hand."""
    engine = make_engine(settings.database_url)
    schema.ensure_current(engine, auto_migrate=True)
    return engine


def cmd_migrate(args: argparse.Namespace, settings: Settings) -> int:
    """Upgrade the database schema to the newest migration."""
    engine = make_engine(settings.database_url)
    try:
        before, after = schema.upgrade(engine)
    finally:
        engine.dispose()
    print(f"schema already at {after}" if before == after else f"schema upgraded from {before or 'empty'} to {after}")
    return 0


def _fail(message: str) -> int:
    print(f"matchbot: {message}", file=sys.stderr)
    return 1


def cmd_seed(args: argparse.Namespace, settings: Settings) -> int:
    """Load seed_data/ (idempotent)."""
    engine = _engine(settings)
    with Session(engine) as session:
        report = catalog.seed(session=session)
    for kind in ("sectors", "desks", "products", "units"):
        counts = getattr(report, kind)
        print(f"{kind}: {counts.new} new, {counts.changed} changed, {counts.unchanged} unchanged")
    engine.dispose()
    return 0


def _english(problem: CsvFormatError | RowError) -> str:
    # Imported here: the wording pulls in the Telegram layer (rendering), which a successful import never needs.
    from bot.telegram.problems import english

    return english(problem)


def _refused(path: Path, errors: Sequence[RowError]) -> int:
    """Name every problem of a file nothing was imported from (exit status 1)."""
    print(f"matchbot: {path}: {len(errors)} problem(s); nothing was imported", file=sys.stderr)
    for error in errors:
        print(f"  {_english(error)}", file=sys.stderr)
    return 1


def cmd_import(args: argparse.Namespace, settings: Settings) -> int:
    """Import a products CSV: all rows or none."""
    path = Path(args.file)
    if not path.is_file():
        return _fail(f"{path}: no such file")
    engine = _engine(settings)
    try:
        with Session(engine) as session:
            report = catalog.import_products(path.read_bytes(), session=session, dry_run=args.dry_run)
    except CsvFormatError as exc:
        return _fail(f"{path}: {_english(exc)}; nothing was imported")
    finally:
        engine.dispose()
    if not report.ok:
        return _refused(path, report.errors)
    counts = report.counts
    verb = "would import" if args.dry_run else "imported"
    print(f"{verb} {report.rows} products: {counts.new} new, {counts.changed} changed, {counts.unchanged} unchanged")
    return 0


def _problem_json(problem: RowError) -> dict[str, object]:
    return {"row": problem.row, "column": problem.column, "problem": problem.key.value, "values": dict(problem.values),
            "message": _english(problem)}


def cmd_import_units(args: argparse.Namespace, settings: Settings) -> int:
    """Import a registry's production units (CSV or XLSX): all rows or none, by unit id."""
    path = Path(args.file)
    if not path.is_file():
        return _fail(f"{path}: no such file")
    engine = _engine(settings)
    try:
        with Session(engine) as session:
            report = registry.import_units(path.read_bytes(), session=session, dry_run=args.dry_run, file_name=path.name)
    except CsvFormatError as exc:
        if args.json:
            print(json.dumps({"ok": False, "file": str(path), "problem": exc.key.value, "values": exc.values, "message": _english(exc)},
                             ensure_ascii=False))
            return 1
        return _fail(f"{path}: {_english(exc)}; nothing was imported")
    finally:
        engine.dispose()
    counts = report.counts
    if args.json:
        payload: dict[str, object] = {"ok": report.ok, "file": str(path), "dry_run": args.dry_run}
        if report.ok:
            payload.update(rows=report.rows, new=counts.new, changed=counts.changed, unchanged=counts.unchanged,
                           kept_claimed=list(report.kept), skipped_chat_profiles=report.skipped)
        else:
            payload["errors"] = [_problem_json(error) for error in report.errors]
        print(json.dumps(payload, ensure_ascii=False))
        return 0 if report.ok else 1
    if not report.ok:
        return _refused(path, report.errors)
    verb = "would import" if args.dry_run else "imported"
    print(f"{verb} {report.rows} units: {counts.new} new, {counts.changed} changed, {counts.unchanged} unchanged")
    if report.kept:
        print(f"kept as their owners have them (claimed): {', '.join(report.kept)}")
    if report.skipped:
        print(f"skipped {report.skipped} profiles built in chat (their owners' own)")
    return 0


def cmd_export(args: argparse.Namespace, settings: Settings) -> int:
    """Export products (in the import format), leads or subscribers as the admins' /export does: UTF-8 with a
    byte-order mark, formula-like cells neutralised. The download is audited, as in chat."""
    engine = _engine(settings)
    try:
        with Session(engine) as session:
            export = exports.export(args.what, audit.COMMAND_LINE, session=session, tz=settings.tz)
            session.commit()
    finally:
        engine.dispose()
    if args.output in (None, "-"):
        # As text: the standard output may be a stream that redacts secrets, and holds no bytes.
        sys.stdout.write(export.data.decode("utf-8"))
    else:
        Path(args.output).write_bytes(export.data)
        print(f"wrote {export.rows} {args.what} to {args.output}", file=sys.stderr)
    return 0


def cmd_match(args: argparse.Namespace, settings: Settings) -> int:
    """Print the confident matches and related suggestions of each query."""
    engine = _engine(settings)
    with Session(engine) as session:
        if store.count_products(session=session) == 0:
            catalog.seed(session=session)
        matcher = Matcher.load(session=session)
    engine.dispose()
    for query in args.queries:
        found = matcher.lookup(query, limit=args.limit)
        language = "fa" if is_persian(query) else "en"
        if args.json:

            def items(results: list[Result]) -> list[dict[str, object]]:
                return [
                    {"kind": r.kind, "code": r.code, "name": r.name(language), "score": r.score, "sector": r.sector, "why": r.why}
                    for r in results
                ]

            print(json.dumps({"query": query, "results": items(found.results), "related": items(found.related)}, ensure_ascii=False))
            continue
        print(query)
        if not found.results:
            print("  no confident match")
        for rank, r in enumerate(found.results, 1):
            print(f"  {rank}. {r.code:<9} {r.score:5.1f}  {r.name(language)}  [{r.kind}, {r.sector}]  ({r.why})")
        if found.related:
            print("  related:")
        for rank, r in enumerate(found.related, 1):
            print(f"  {rank}. {r.code:<9} {r.score:5.1f}  {r.name(language)}  [{r.kind}, {r.sector}]  ({r.why})")
    return 0


def cmd_health(args: argparse.Namespace, settings: Settings) -> int:
    """Exit 0 when the database answers with the current schema, the bot running here (if any) makes progress,
    and, in webhook mode, the server answers."""
    engine = make_engine(settings.database_url)
    try:
        current = schema.is_current(engine)
    except Exception as exc:  # reported, not raised: this is a probe
        return _fail(f"unhealthy: database unreachable ({type(exc).__name__})")
    finally:
        engine.dispose()
    if not current:
        return _fail("unhealthy: database schema out of date (run `matchbot migrate`)")
    if settings.liveness_timeout_seconds:
        from bot.liveness import heartbeat_path, read_heartbeat

        try:
            heartbeat = read_heartbeat(heartbeat_path(settings))
        except ValueError as exc:
            return _fail(f"unhealthy: unreadable heartbeat ({exc})")
        problem = heartbeat.problem(settings.liveness_timeout_seconds) if heartbeat is not None else None
        if problem is not None:
            return _fail(f"unhealthy: {problem}")
    if settings.webhook_url is not None:
        import urllib.error
        import urllib.request

        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{settings.webhook_port}/healthz", timeout=4) as response:
                if response.status != 200:
                    return _fail(f"unhealthy: /healthz answered {response.status}")
        except (urllib.error.URLError, OSError) as exc:
            return _fail(f"unhealthy: /healthz did not answer ({exc})")
    print("healthy")
    return 0


def cmd_report_demand(args: argparse.Namespace, settings: Settings) -> int:
    """Print the unmet demand: searches nothing answered, grouped by need."""
    engine = _engine(settings)
    with Session(engine) as session:
        # Grouped as /demand groups them: one need asked in two languages, as the engine reads it, is one group.
        groups = demand.demand_groups(session=session, days=args.days, matcher=Matcher.load(session=session))[: args.limit]
    engine.dispose()
    if args.json:
        for rank, group in enumerate(groups, 1):
            payload = {
                "rank": rank,
                "need": group.key,
                "label": group.label,
                "searches": group.searches,
                "people": group.people,
                "with_related": group.with_related,
                "examples": group.examples,
                "state": group.state.value,
                "code": group.code,
                "decided_at": group.decided_at.isoformat() if group.decided_at is not None else None,
                "requests": group.requests,
                "told": group.told,
                "interested": group.interested,
                "answered_by": group.answered_by,
                "variants": [{"need": need, "searches": searches} for need, searches in group.variants],
            }
            print(json.dumps(payload, ensure_ascii=False))
        return 0
    if not groups:
        print(f"no unmet demand in the last {args.days} days")
        return 0
    print(f"Unmet demand in the last {args.days} days, largest groups first:")
    for rank, group in enumerate(groups, 1):
        decided = "" if group.state is DemandState.OPEN else f" [{group.state.value}{' ' + group.code if group.code else ''}]"
        if group.answered_by is not None:
            decided += f" [now answered by {group.answered_by}]"
        print(
            f"{rank:3}. {group.label} — searches: {group.searches}, people: {group.people}, "
            f"shown related suggestions: {group.with_related}{decided}"
        )
        print("       e.g. " + ", ".join(f"“{example}”" for example in group.examples))
        if group.languages:
            print("       also asked as: " + ", ".join(f"“{group.spell(need.split(), as_typed=True)}” ({searches})" for need, searches in group.variants[1:]))
        if group.requests:
            print(f"       standing requests: {group.requests}, told: {group.told}, then interested: {group.interested}")
    return 0


def _hours(span: timedelta | None) -> float | None:
    return None if span is None else round(span.total_seconds() / 3600, 1)


def _scorecard_json(card: Scorecard) -> dict[str, object]:
    week = card.week
    return {
        "desk": card.desk.code,
        "week_start": week.start.isoformat(),
        "week_end": week.end.isoformat(),
        "new_leads": week.leads,
        "answered": week.answered,
        "median_response_hours": _hours(week.median_response),
        "introductions_asked": week.introductions,
        "introductions_accepted": week.introduced,
        "overdue": card.overdue,
        "waiting": card.waiting,
        "by_status": {status.value: count for status, count in card.by_status.items()},
        "interest": [{"code": item.code, "leads": item.leads, "new": item.new} for item in card.interest],
        "unmet": [{"need": group.key, "searches": group.searches, "people": group.people} for group in card.unmet],
        "weeks": [{"start": w.start.isoformat(), "leads": w.leads, "answered": w.answered,
                   "median_response_hours": _hours(w.median_response), "introductions_asked": w.introductions,
                   "introductions_accepted": w.introduced} for w in card.weeks],
    }


def _scorecard_text(card: Scorecard, settings: Settings) -> list[str]:
    week, hours = card.week, _hours(card.week.median_response)
    median = "no first answers" if hours is None else f"{week.answered} first answered, median {hours:g} hours ({hours / 24:.1f} days)"
    return [
        f"{card.desk.code} · {card.desk.name_en}",
        f"Week of {week.start} to {week.end} (Saturday to Friday, {settings.timezone})",
        f"New leads: {week.leads}",
        f"Response: {median}",
        f"Introductions to capable manufacturers: {week.introductions} asked, {week.introduced} accepted",
        f"Overdue now: {card.overdue}; waiting for a first answer: {card.waiting}",
        "Leads by status: " + ", ".join(f"{status.value} {count}" for status, count in card.by_status.items()),
        "Leads per listing (all, new this week):",
        *([f"  {item.code} {item.name_en}: {item.leads} (+{item.new})" for item in card.interest] or ["  none"]),
        "Top unmet needs in the sector (30 days):",
        *([f"  {group.label} — searches: {group.searches}, people: {group.people}" for group in card.unmet] or ["  none"]),
        "Last 12 weeks (week starting: new leads, median hours to a first answer):",
        *(f"  {w.start}: {w.leads:3}, {'-' if w.median_response is None else f'{_hours(w.median_response):g}'}" for w in card.weeks),
    ]


def cmd_report_scorecard(args: argparse.Namespace, settings: Settings) -> int:
    """Print the weekly scorecard of one desk or every active desk, and draw one desk's chart (offline)."""
    if args.png and not args.desk:
        print("matchbot report scorecard: --png needs --desk CODE (one desk's chart)", file=sys.stderr)
        return 2
    engine = _engine(settings)
    with Session(engine) as session:
        desks = [scorecard.find_desk(args.desk, session=session)] if args.desk else None
        if desks == [None]:
            engine.dispose()
            return _fail(f"no desk {args.desk!r} (matchbot report scorecard without --desk lists every active desk)")
        matcher = Matcher.load(session=session)
        sector_of = scorecard.sectors_by(matcher)
        demand_groups = scorecard.unmet_needs(session=session, now=utcnow(), matcher=matcher)
        cards = [scorecard.build(desk, session=session, tz=settings.tz, sector_of=sector_of, demand=demand_groups)
                 for desk in (desks or store.desks(session=session, active_only=True)) if desk is not None]
    engine.dispose()
    for index, card in enumerate(cards):
        if args.json:
            print(json.dumps(_scorecard_json(card), ensure_ascii=False))
        else:
            print(("\n" if index else "") + "\n".join(_scorecard_text(card, settings)))
    if args.png:
        from bot.services.scorecard_chart import render_png  # matplotlib: only when a chart is asked for

        data = render_png(cards[0], args.language)
        Path(args.png).write_bytes(data)
        print(f"wrote {args.png} ({len(data):,} bytes)", file=sys.stderr)
    return 0


def _unreachable(settings: Settings, error: Exception) -> str:
    """One line for a Bot API that could not be reached: where, why, and what to check. The address is shown
    without the path, which the token follows."""
    address = urlsplit(settings.telegram_api_base_url)
    return (
        f"cannot reach the Telegram Bot API at {address.scheme}://{address.netloc} ({error}); "
        "check the network connection and TELEGRAM_API_BASE_URL"
    )


def cmd_run(args: argparse.Namespace, settings: Settings) -> int:
    """Run the Telegram bot: long polling, or a webhook server when WEBHOOK_URL is set."""
    if settings.telegram_bot_token is None:
        print(
            "matchbot: TELEGRAM_BOT_TOKEN is not set.\n"
            "  Create a bot with @BotFather in Telegram (/newbot), then\n"
            "    export TELEGRAM_BOT_TOKEN=123456:ABC...   (or put it in .env)\n"
            "  To try the bot without Telegram, run: matchbot chat",
            file=sys.stderr,
        )
        return 1
    engine = make_engine(settings.database_url)
    try:
        schema.ensure_current(engine, auto_migrate=settings.auto_migrate)
    except schema.SchemaOutdated as exc:
        return _fail(str(exc))
    finally:
        engine.dispose()
    from telegram.error import InvalidToken, NetworkError

    from bot.telegram.run import run

    try:
        run(settings)
    except InvalidToken:
        return _fail(REFUSED_TOKEN)
    except NetworkError as exc:
        return _fail(_unreachable(settings, exc))
    return 0


def cmd_digest(args: argparse.Namespace, settings: Settings) -> int:
    """Run one digest round now: plan what is new, then send every waiting digest (a dry run: offline, no token)."""
    if settings.telegram_bot_token is None and not args.dry_run:
        print("matchbot: TELEGRAM_BOT_TOKEN is not set; digests are sent through the Telegram bot", file=sys.stderr)
        return 1
    import asyncio

    from telegram.error import InvalidToken, NetworkError

    from bot.telegram.digests import describe_round, send_round
    from bot.logs import configure_logging

    configure_logging(settings)
    engine = _engine(settings)
    try:
        report = asyncio.run(send_round(settings, engine, due_only=args.due_only, dry_run=args.dry_run))
    except InvalidToken:
        return _fail(REFUSED_TOKEN)
    except NetworkError as exc:
        return _fail(_unreachable(settings, exc))
    finally:
        engine.dispose()
    print(describe_round(report))
    return 0


def cmd_chat(args: argparse.Namespace, settings: Settings) -> int:
    """Chat with the bot in this terminal, offline."""
    from bot.telegram.console import DEFAULT_FILES, run_console

    # The console is a local trial: bring its database up to date rather than refuse.
    # Bare `matchbot` (no token) comes here without the chat command's options: their defaults apply.
    return run_console(settings.model_copy(update={"auto_migrate": True}), language=args.language,
                       admin=getattr(args, "admin", False), files=Path(getattr(args, "files", None) or DEFAULT_FILES),
                       show_others=not getattr(args, "hide_others", False))


def cmd_default(args: argparse.Namespace, settings: Settings) -> int:
    """Run the bot when a token is set, otherwise open the local console chat."""
    if settings.telegram_bot_token is None:
        print("No TELEGRAM_BOT_TOKEN set: opening a local console chat (matchbot run for Telegram).\n")
        args.language = None
        return cmd_chat(args, settings)
    return cmd_run(args, settings)


MAX_COUNT = 1_000_000


def _count(text: str) -> int:
    """A count option (``--limit``, ``--days``): a whole number, in any digits, named when it is not one."""
    try:
        return parse_whole_number(text, maximum=MAX_COUNT)
    except NumberError as error:
        raise argparse.ArgumentTypeError(
            f"{text[:40]!r} is larger than {MAX_COUNT:,}" if error.too_large else f"{text[:40]!r} is not a whole number"
        ) from None


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every subcommand."""
    parser = argparse.ArgumentParser(
        prog="matchbot",
        description="Import-substitution matchmaking: the catalog tools and the Telegram bot.",
        epilog="Without a command: 'run' when TELEGRAM_BOT_TOKEN is set, else 'chat'.",
    )
    parser.set_defaults(handler=cmd_default)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    seed = commands.add_parser("seed", help="load seed_data/ into the database (idempotent)")
    seed.set_defaults(handler=cmd_seed)

    imp = commands.add_parser("import", help="import a products CSV (all rows or none)")
    imp.add_argument("file", metavar="FILE.csv")
    imp.add_argument("--dry-run", action="store_true", help="validate and count, write nothing")
    imp.set_defaults(handler=cmd_import)

    units = commands.add_parser("import-units", help="import a registry's production units, CSV or XLSX (all rows or none)")
    units.add_argument("file", metavar="FILE")
    units.add_argument("--dry-run", action="store_true", help="validate and count, write nothing")
    units.add_argument("--json", action="store_true", help="the outcome (counts, or every problem) as one JSON object")
    units.set_defaults(handler=cmd_import_units)

    exp = commands.add_parser("export", help="export products, leads, subscribers or profiles as CSV (as /export in chat)")
    exp.add_argument("what", choices=exports.KINDS)
    exp.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    exp.set_defaults(handler=cmd_export)

    match = commands.add_parser("match", help="match free-text needs or HS codes against the catalog")
    match.add_argument("queries", nargs="+", metavar="QUERY", help="one query per argument (quote multi-word ones)")
    match.add_argument("--json", action="store_true", help="one JSON object per query per line")
    match.add_argument("--limit", type=_count, default=5, metavar="N", help="at most N results per query (default 5)")
    match.set_defaults(handler=cmd_match)

    migrate = commands.add_parser("migrate", help="upgrade the database schema to the newest version")
    migrate.set_defaults(handler=cmd_migrate)

    health = commands.add_parser("health", help="exit 0 if the database (and webhook server) are healthy")
    health.set_defaults(handler=cmd_health)

    report = commands.add_parser("report", help="reports for the program's staff")
    reports = report.add_subparsers(title="reports", metavar="REPORT", required=True)
    report_demand = reports.add_parser("demand", help="unmet demand: searches no listing answered, grouped by need")
    report_demand.add_argument("--days", type=_count, default=30, metavar="N", help="searches of the last N days (default 30)")
    report_demand.add_argument("--limit", type=_count, default=20, metavar="N", help="the N largest groups (default 20)")
    report_demand.add_argument("--json", action="store_true", help="one JSON object per group per line")
    report_demand.set_defaults(handler=cmd_report_demand)
    report_scorecard = reports.add_parser("scorecard", help="the weekly desk scorecard: figures, and a chart as PNG")
    report_scorecard.add_argument("--desk", metavar="CODE", help="one desk (default: every active desk)")
    report_scorecard.add_argument("--png", metavar="FILE", help="write the desk's chart to FILE (needs --desk)")
    report_scorecard.add_argument("--language", choices=["en", "fa"], default="en", help="the chart's language (default en)")
    report_scorecard.add_argument("--json", action="store_true", help="one JSON object per desk per line")
    report_scorecard.set_defaults(handler=cmd_report_scorecard)

    run = commands.add_parser("run", help="run the Telegram bot (needs TELEGRAM_BOT_TOKEN)")
    run.set_defaults(handler=cmd_run)

    digest = commands.add_parser("digest", help="send digests now: what is new to every subscriber (needs TELEGRAM_BOT_TOKEN)")
    digest.add_argument("--dry-run", action="store_true", help="print who would get what; send and write nothing")
    digest.add_argument("--due-only", action="store_true", help="only subscribers whose scheduled time has come")
    digest.set_defaults(handler=cmd_digest)

    chat = commands.add_parser("chat", help="chat with the bot in this terminal, offline")
    chat.add_argument("--language", choices=["en", "fa"], help="the language your console user writes in")
    chat.add_argument("--admin", action="store_true", help="make the console user (id 10000) an admin for this session")
    chat.add_argument("--files", metavar="DIR", help="where files the bot sends (exports) are saved (default ./matchbot-files/)")
    chat.add_argument("--hide-others", action="store_true", help="do not show messages the bot sends to other users")
    chat.set_defaults(handler=cmd_chat)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``matchbot`` console script and ``python -m bot``."""
    args = build_parser().parse_args(argv)
    for option in ("limit", "days"):
        if getattr(args, option, 1) < 1:
            print(f"matchbot: --{option} must be at least 1", file=sys.stderr)
            return 2
    try:
        settings = Settings()
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc'])).upper()}: {e['msg']}" for e in exc.errors())
        return _fail(f"bad configuration: {problems}")
    protect_outputs(settings)
    handler: Command = args.handler
    return handler(args, settings)


if __name__ == "__main__":
    sys.exit(main())
