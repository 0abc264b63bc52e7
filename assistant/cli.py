"""The ``policy-assistant`` command: ingest, ask, serve, eval.

Heavy libraries (Chroma, the embedding model, jieba, Gradio) are imported inside the
commands, so ``policy-assistant --help`` answers at once.
"""

from __future__ import annotations

import json
import sys
import threading
from pathlib import Path

import click


def _user_errors() -> tuple[type[Exception], ...]:
    """Exceptions that are a user's mistake: shown as one line, never as a traceback."""
    from ingest.catalog import CatalogError
    from ingest.loaders import LoadError

    from .embeddings import EmbeddingModelError
    from .limits import QuestionError
    from .store import StoreError

    return (QuestionError, LoadError, CatalogError, EmbeddingModelError, StoreError, ValueError)


def _settings(ctx: click.Context, **extra: object):
    from pydantic import ValidationError

    from .settings import load_settings

    extra = {key: value for key, value in extra.items() if value is not None}
    try:
        return load_settings(**ctx.obj, **extra)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise click.ClickException(f"invalid setting: {problems}") from None


def _assistant(settings, progress: bool = True, defer_catch_up: bool = False):
    from .service import Assistant

    try:
        return Assistant.from_settings(settings, progress=progress, defer_catch_up=defer_catch_up)
    except _user_errors() as exc:
        raise click.ClickException(str(exc)) from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--index-dir", type=click.Path(path_type=Path), help="Index folder [env POLICY_ASSISTANT_INDEX_DIR].")
@click.option("--knowledge-dir", type=click.Path(path_type=Path), help="Knowledge folder [env POLICY_ASSISTANT_KNOWLEDGE_DIR].")
@click.option("--embedding-model", help="'use-multilingual-v3' or a local sentence-transformers model folder.")
@click.option("--retrieval-mode", type=click.Choice(["hybrid", "dense", "bm25"]), help="Retrieval mode.")
@click.option("--chroma-url", help="Use a Chroma server (chroma run) instead of the local index folder.")
@click.version_option(package_name="policy-assistant")
@click.pass_context
def main(ctx: click.Context, **options: object) -> None:
    """Answers questions about SME support policies (专精特新) with citations to the source clauses."""
    ctx.obj = {key: value for key, value in options.items() if value is not None}


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--quiet", is_flag=True, help="No progress bar.")
@click.option("--report", "full_report", is_flag=True, help="Report on every file read, not only on new or changed ones.")
@click.pass_context
def ingest(ctx: click.Context, paths: tuple[Path, ...], quiet: bool, full_report: bool) -> None:
    """Index policy files (.txt .docx .pdf .html .md .xlsx).

    Without PATHS, the knowledge folder's documents are synced: new and changed files
    are indexed, removed ones dropped. Unchanged files are skipped. For each new or changed
    file a report says what was found: metadata, chunks by kind, warnings to check.
    """
    from .embeddings import load_embeddings, model_slug
    from .indexing import ingest as run_ingest
    from .segments import segment_folder
    from .store import ChunkStore

    settings = _settings(ctx)
    try:
        embeddings = load_embeddings(settings.embedding_model, settings.threads)
        store = ChunkStore(settings.index_dir, model_slug(settings.embedding_model), settings.chroma_url)
        store.require_writable()
        report = run_ingest(list(paths) or [settings.documents_dir], store=store, embeddings=embeddings,
                            knowledge_dir=settings.knowledge_dir, max_tokens=settings.chunk_max_tokens,
                            sync=not paths, progress=not quiet, limits=settings.file_limits,
                            segments=segment_folder(settings), reread=full_report)
    except _user_errors() as exc:
        raise click.ClickException(str(exc)) from None
    changed = set(report.added) | set(report.updated)
    for document in report.documents:
        if full_report or document.meta.doc_id in changed:
            click.echo("\n".join(document.lines()))
    for error in report.errors:
        click.echo(f"error: {error}", err=True)
    click.echo(f"{report.summary()}; {store.count()} chunks in {store.name}")
    if report.errors:
        sys.exit(1)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the reports as JSON.")
@click.pass_context
def inspect(ctx: click.Context, paths: tuple[Path, ...], as_json: bool) -> None:
    """Read policy files without indexing them: metadata, chunks by kind, warnings."""
    from ingest.catalog import load_catalog
    from ingest.pipeline import collect_files, prepare

    from .criteria_book import with_criteria

    settings = _settings(ctx)
    try:
        catalog = load_catalog(settings.knowledge_dir)
    except _user_errors() as exc:
        raise click.ClickException(str(exc)) from None
    files, errors = collect_files(list(paths))
    reports = []
    for path in files:
        try:
            prepared = prepare(path, catalog, settings.chunk_max_tokens, settings.file_limits)
            reports.append(with_criteria(prepared.report, prepared.chunks))
        except _user_errors() as exc:
            errors.append(str(exc))
    if as_json:
        click.echo(json.dumps([r.to_dict() for r in reports], ensure_ascii=False, indent=1))
    else:
        for document in reports:
            click.echo("\n".join(document.lines()))
    for error in errors:
        click.echo(f"error: {error}", err=True)
    if errors:
        sys.exit(1)


@main.command()
@click.argument("question")
@click.option("--region", help="Only documents of this region, e.g. 盐城.")
@click.option("--document", "documents", multiple=True, help="Only this document id (repeatable).")
@click.option("--history", "history_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="JSON file of earlier turns: [{\"role\": \"user\", \"content\": \"...\"}, ...].")
@click.option("--json", "as_json", is_flag=True, help="Print the answer object as JSON.")
@click.option("--answerer", type=click.Choice(["extractive", "llm"]),
              help="Who writes the answer: quotes only (default) or an OpenAI-compatible LLM, verified.")
@click.pass_context
def ask(ctx: click.Context, question: str, region: str | None, documents: tuple[str, ...],
        history_file: Path | None, as_json: bool, answerer: str | None) -> None:
    """Answer QUESTION from the policy clauses, with numbered sources."""
    from .limits import validate_question

    settings = _settings(ctx, answerer=answerer)
    try:
        validate_question(question, settings.max_question_chars)  # before loading anything
        history = _read_history(history_file) if history_file else []
        assistant = _assistant(settings, progress=not as_json)
        answer = assistant.ask(question, history, region=region, doc_ids=list(documents) or None)
    except _user_errors() as exc:
        raise click.ClickException(str(exc)) from None
    if as_json:
        click.echo(json.dumps(answer.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(answer.text)


@main.command()
@click.argument("profile_file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--text", help="The company described in words: 我们是金湖的制造企业，去年主营业务收入6000万元…")
@click.option("--region", help="The company's place (overrides the profile's), e.g. 金湖县.")
@click.option("--json", "as_json", is_flag=True, help="Print the results as JSON.")
@click.pass_context
def check(ctx: click.Context, profile_file: Path | None, text: str | None, region: str | None, as_json: bool) -> None:
    """Eligibility self-check (政策体检): does the company of PROFILE_FILE (JSON, YAML or XLSX)
    or of --text meet each level's criteria, criterion by criterion, with the clause of each."""
    from .profile_files import read_profiles

    if (profile_file is None) == (text is None):
        raise click.UsageError("give either PROFILE_FILE or --text")
    settings = _settings(ctx)
    try:
        from .limits import validate_question

        profiles = read_profiles(profile_file) if profile_file else [validate_question(text, settings.max_question_chars)]
        if len(profiles) != 1:
            raise ValueError(f"{profile_file} holds {len(profiles)} companies; check takes one "
                             f"(the batch of the web workspace takes many)")
        assistant = _assistant(settings, progress=not as_json)
        report = assistant.check(profiles[0], region)
    except _user_errors() as exc:
        raise click.ClickException(str(exc)) from None
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
        return
    from .check_text import render_report

    body, citations = render_report(report, levels_shown=100)
    click.echo(body)
    click.echo("\n来源：")
    for c in citations:
        click.echo(f"[{c.number}] {c.label}")


def _read_history(path: Path):
    from .types import Turn

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return [Turn(role=turn["role"], content=str(turn["content"])) for turn in data]
    except (json.JSONDecodeError, UnicodeDecodeError, KeyError, TypeError) as exc:
        raise ValueError(f"{path}: not a JSON list of {{role, content}} turns ({exc})") from None


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=7860, show_default=True, type=int)
@click.option("--answerer", type=click.Choice(["extractive", "llm"]),
              help="Who writes the answer: quotes only (default) or an OpenAI-compatible LLM, verified.")
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, answerer: str | None) -> None:
    """Start the web chat (builds the index first when there is none; brings it up to date beside serving)."""
    from .feedback import FeedbackStore
    from .index_watch import IndexWatch
    from .knowledge import KnowledgeBase
    from .web.app import launch

    settings = _settings(ctx, answerer=answerer)
    # an index that answers is served at once; changed files and an interrupted change are
    # brought in beside serving (questions follow the new generation when it is committed)
    assistant = _assistant(settings, defer_catch_up=True)
    click.echo(f"policy assistant: http://{host}:{port}")
    knowledge = KnowledgeBase(settings, assistant.retriever.store, assistant.retriever.embeddings)
    threading.Thread(target=_caught_up, args=(assistant, knowledge.lock), name="catch-up").start()
    IndexWatch(assistant, knowledge.lock).start()  # a deleted index folder is rebuilt while serving
    launch(assistant, FeedbackStore(settings.feedback_db), host=host, port=port, knowledge=knowledge)


def _caught_up(assistant, lock) -> None:
    try:
        assistant.catch_up(lock)
    except Exception as exc:  # the server goes on answering from the index it has
        click.echo(f"bringing the index up to date failed: {exc}", err=True)


@main.command()
@click.argument("key", required=False)
@click.option("--who", default="cli", show_default=True, help="Name written to the audit log.")
@click.option("--list", "only_list", is_flag=True, help="Only list what can be restored, newest first.")
@click.pass_context
def restore(ctx: click.Context, key: str | None, who: str, only_list: bool) -> None:
    """Bring back a removed or replaced document: the latest, or KEY (see --list)."""
    from .knowledge import KnowledgeBase, KnowledgeError

    settings = _settings(ctx)
    assistant = _assistant(settings, progress=False)
    removed = (knowledge := KnowledgeBase(settings, assistant.retriever.store, assistant.retriever.embeddings)).removed()
    if not removed:
        raise click.ClickException("nothing to restore: no document was removed or replaced")
    if only_list:
        for record in removed:
            click.echo(f"{record['key']}  {record['action']:8} {record['file']}  by {record['who']} at {record['time']}")
        return
    try:
        meta = knowledge.restore(who, key or removed[0]["key"])
    except KnowledgeError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"restored {meta.doc_id} ({meta.source_file})")


@main.group()
def feedback() -> None:
    """Feedback given in the web chat."""


@feedback.command(name="export")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="JSONL question file to write (FORMAT.md; evidence and key facts to be completed).")
@click.option("--only", type=click.Choice(["up", "down"]), help="Only thumbs up or only thumbs down.")
@click.pass_context
def feedback_export(ctx: click.Context, output: Path, only: str | None) -> None:
    """Write the stored feedback as a question file for `policy-assistant eval`."""
    from .feedback import FeedbackStore, to_question_records

    settings = _settings(ctx)
    records = to_question_records(FeedbackStore(settings.feedback_db).all(), only)
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    except OSError as exc:
        raise click.ClickException(f"cannot write {output}: {exc}") from None
    click.echo(f"wrote {len(records)} questions to {output}")


@main.command()
@click.argument("questions_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", "outputs", multiple=True, required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="answers.xlsx and/or answers.docx (repeatable).")
@click.pass_context
def batch(ctx: click.Context, questions_file: Path, outputs: tuple[Path, ...]) -> None:
    """Answer every question of a CSV/XLSX file (columns: question, optional region)."""
    from tqdm import tqdm

    from .exports import answer_batch, batch_docx, batch_xlsx, read_batch

    bad = [o for o in outputs if o.suffix.lower() not in (".xlsx", ".docx")]
    if bad:
        raise click.ClickException(f"{bad[0]}: outputs are .xlsx or .docx files")
    try:
        rows = read_batch(questions_file)
    except (ValueError, UnicodeDecodeError, OSError) as exc:
        raise click.ClickException(f"{questions_file}: {exc}") from None
    except Exception as exc:  # openpyxl raises assorted errors on files that are not workbooks
        raise click.ClickException(f"{questions_file}: not a readable spreadsheet ({exc.__class__.__name__})") from None
    if not rows:
        raise click.ClickException(f"{questions_file}: no questions found")
    assistant = _assistant(_settings(ctx))
    with tqdm(total=len(rows), unit="q", desc="batch") as bar:
        results = answer_batch(assistant, rows, progress=lambda done, total: bar.update(1))
    for output in outputs:
        output.parent.mkdir(parents=True, exist_ok=True)
        if output.suffix.lower() == ".xlsx":
            batch_xlsx(results, output)
        else:
            batch_docx(results, assistant.retriever.docs, output)
        click.echo(f"wrote {output}")
    failed = sum(1 for r in results if r.answer is None)
    click.echo(f"{len(results)} questions: {sum(1 for r in results if r.answer and not r.answer.refused)} answered, "
               f"{sum(1 for r in results if r.answer and r.answer.refused)} declined, {failed} rejected")


@main.command(name="eval")
@click.option("--questions", type=click.Path(path_type=Path),
              help="Question file (.jsonl as in FORMAT.md, or .csv/.xlsx with the same columns); default: the dev set.")
@click.option("--json", "json_out", type=click.Path(dir_okay=False, path_type=Path), help="Write the results (FORMAT.md schema).")
@click.option("--report", "report_out", type=click.Path(dir_okay=False, path_type=Path), help="Write an HTML report.")
@click.option("--compare", "compare", help="Also evaluate these configurations, e.g. bm25,dense,hybrid,baseline.")
@click.option("--top-k", type=click.IntRange(1, 100), default=10, show_default=True, help="Chunks retrieved per question.")
@click.option("--answerer", type=click.Choice(["extractive", "llm"]),
              help="Who writes the answer: quotes only (default) or an OpenAI-compatible LLM, verified.")
@click.pass_context
def evaluate(ctx: click.Context, questions: Path | None, json_out: Path | None, report_out: Path | None,
             compare: str | None, top_k: int, answerer: str | None) -> None:
    """Measure retrieval and answer accuracy on a question file.

    Exits 0 when the run completed, whatever the scores.
    """
    from eval.harness import default_questions, run_eval
    from eval.questions import QuestionFileError, load_questions

    settings = _settings(ctx, answerer=answerer)
    path = questions or default_questions()
    try:
        from eval.compare import with_primary

        configs = with_primary(compare, settings.retrieval_mode)
        loaded = load_questions(path)
    except (QuestionFileError, ValueError) as exc:
        raise click.ClickException(str(exc)) from None
    for problem in loaded.problems:
        click.echo(f"warning: {problem}", err=True)
    assistant = _assistant(settings)
    primary = settings.retrieval_mode
    if len(configs) > 1:
        import tempfile

        from eval.compare import comparison_table, gain_over_baseline, run_compare

        with tempfile.TemporaryDirectory() as scratch:
            reports = run_compare(assistant, loaded.questions, configs, top_k, Path(scratch) / "baseline")
        click.echo(comparison_table(reports))
        for name, ratio in gain_over_baseline(reports).items():
            click.echo(f"{name}: recall@5 {ratio}× the baseline's")
    else:
        reports = {primary: run_eval(assistant, loaded.questions, top_k=top_k)}
        click.echo(reports[primary].table())
    try:
        if json_out:
            json_out.parent.mkdir(parents=True, exist_ok=True)
            json_out.write_text(json.dumps(reports[primary].to_json(), ensure_ascii=False, indent=2), encoding="utf-8")
            click.echo(f"wrote {json_out}")
        if report_out:
            report_out.parent.mkdir(parents=True, exist_ok=True)
            from eval.report import write_report

            click.echo(write_report(report_out, reports, primary, loaded.questions, str(path)))
    except OSError as exc:
        raise click.ClickException(f"cannot write the results: {exc}") from None


if __name__ == "__main__":
    main()
