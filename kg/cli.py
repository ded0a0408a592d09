"""The ``kg`` command line: thin wrappers over library functions.

Exit status: 0 success; 1 an error (the message says what was wrong, nothing stored is lost);
2 a usage error (bad option); 3 ``kg build`` built the graph but skipped some inputs.
"""

from __future__ import annotations

import itertools
import json
import sys
from collections.abc import Mapping
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from kg.errors import KGError

app = typer.Typer(
    name="kg",
    help="medkg: build, query, serve and evaluate a knowledge graph of AI-in-medicine papers.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
# soft_wrap: a message is one line however narrow the terminal (or pipe), so that tools and
# users can grep "skipped: FILE:LINE: …" lines.
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

EXIT_PARTIAL = 3
#: Rows of a page of ``kg query --saved`` (as ``GET /queries/{name}``'s default ``limit``).
SAVED_PAGE = 100

StoreOption = Annotated[
    Path,
    typer.Option(
        "--store",
        envvar="KG_STORE",
        help="Store directory (env KG_STORE).",
        show_default=True,
    ),
]
DEFAULT_STORE = Path("medkg-store")


class QueryFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    tsv = "tsv"
    xml = "xml"
    turtle = "turtle"
    ntriples = "ntriples"
    jsonld = "jsonld"


class ExportFormat(str, Enum):
    turtle = "turtle"
    ntriples = "ntriples"
    nquads = "nquads"
    jsonld = "jsonld"
    trig = "trig"


def _fail(error: Exception) -> typer.Exit:
    err.print(f"[bold red]error:[/] {error}", highlight=False)
    return typer.Exit(1)


class BuildExecutor(str, Enum):
    """Where ``kg build`` runs extraction."""

    serial = "serial"
    dask = "dask"


@app.command()
def build(
    sources: Annotated[
        list[Path] | None,
        typer.Argument(help="Input files or directories (default: the bundled corpus in data/)."),
    ] = None,
    store: StoreOption = DEFAULT_STORE,
    fresh: Annotated[
        bool, typer.Option(help="Start from an empty store instead of updating it.")
    ] = False,
    processes: Annotated[
        int, typer.Option("--processes", "-j", min=1, help="Extraction processes.")
    ] = 1,
    executor: Annotated[
        BuildExecutor,
        typer.Option(
            help="serial: extract here (-j processes); dask: extract and write N-Quads "
            "shards on a Dask cluster (see docs/distributed.md)."
        ),
    ] = "serial",  # type: ignore[assignment]
    scheduler: Annotated[
        str | None,
        typer.Option(help="Dask scheduler address (tcp://HOST:8786); default: a local cluster."),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(min=1, help="Worker processes of the local Dask cluster (default: cores)."),
    ] = None,
    shard_dir: Annotated[
        Path | None,
        typer.Option(
            help="Where shards go; with --scheduler, a directory every worker shares "
            "(default: next to the store)."
        ),
    ] = None,
) -> None:
    """Extract papers from SOURCES and load them into the store (known papers are replaced)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    from kg.pipeline import build as run_build

    progress = Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    )
    task = progress.add_task("extracting", total=None)

    def on_progress(done: int, total: int) -> None:
        if done == 1:
            progress.start()
        progress.update(task, completed=done, total=total)

    try:
        report = run_build(
            sources or (),
            store,
            fresh=fresh,
            n_process=processes,
            on_progress=on_progress,
            executor=BuildExecutor(executor).value,
            scheduler=scheduler,
            workers=workers,
            shard_dir=shard_dir,
        )
    except KGError as e:
        raise _fail(e) from e
    finally:
        progress.stop()

    for problem in report.problems:
        err.print(f"[yellow]skipped:[/] {problem}", highlight=False)
    out.print(
        f"Built {report.papers} papers ({report.records_read} records read, "
        f"{report.records_skipped} skipped) into {store}: "
        f"{report.links} links, {report.mentions} mentions, {report.results} results, "
        f"{report.quads} quads in {report.seconds:.1f} s.",
        highlight=False,
    )
    if report.problems:
        err.print(f"[yellow]{len(report.problems)} input(s) skipped; see above.[/]")
        raise typer.Exit(EXIT_PARTIAL)


def _read_query(query: str | None, file: Path | None, saved: str | None = None) -> str:
    if sum(x is not None for x in (query, file, saved)) != 1:
        raise typer.BadParameter("give exactly one of a QUERY argument, -f FILE.rq or --saved NAME")
    if saved is not None:
        from kg.paths import queries_dir

        file = queries_dir() / f"{saved}.rq"
        if not file.is_file():
            names = ", ".join(sorted(p.stem for p in queries_dir().glob("*.rq")))
            raise typer.BadParameter(f"no saved query named {saved!r}; saved queries: {names}")
    if file is not None:
        try:
            return file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            raise typer.BadParameter(f"cannot read query file {file}: {e}") from e
    return query or ""


@app.command()
def query(
    sparql: Annotated[
        str | None, typer.Argument(metavar="QUERY", help="SPARQL query text.")
    ] = None,
    file: Annotated[
        Path | None, typer.Option("-f", "--file", help="Read the query from a .rq file.")
    ] = None,
    saved: Annotated[
        str | None, typer.Option("--saved", help="Run a saved query of queries/ by name.")
    ] = None,
    params: Annotated[
        list[str] | None,
        typer.Option(
            "--param", "-p", help="NAME=VALUE for a #+ param: of the query file (repeatable)."
        ),
    ] = None,
    store: StoreOption = DEFAULT_STORE,
    fmt: Annotated[
        QueryFormat, typer.Option("--format", help="Output format.")
    ] = QueryFormat.table,
    limit: Annotated[
        int | None,
        typer.Option(
            min=1, help=f"Rows shown (one page); default {SAVED_PAGE} for --saved, all otherwise."
        ),
    ] = None,
    offset: Annotated[int, typer.Option(min=0, help="Rows skipped first (the next pages).")] = 0,
    all_rows: Annotated[
        bool, typer.Option("--all", help="Every row of a --saved query, unpaged.")
    ] = False,
) -> None:
    """Run a SPARQL query over the whole graph (json is SPARQL 1.1 Query Results JSON).

    Parameters of a saved query (its `#+ param:` header lines) given with --param are bound as
    typed RDF terms, never spliced into the text; parameters not given stay open, so the query
    answers for every value. A saved query's SELECT results are paged like the API's
    (--limit, --offset; --all for every row): a listing of a whole field's graph shows its
    first page fast, and says on stderr how to get the next one.
    """
    if limit is None and saved is not None and not all_rows:
        limit = SAVED_PAGE
    from kg.store import open_store

    text = _read_query(sparql, file, saved)
    try:
        bindings = None
        if params or saved is not None:
            from kg.queries import bind_params, parse_saved_query

            parsed = parse_saved_query(text, name=(saved or (file.stem if file else "query")))
            declared = {p.name: p for p in parsed.params}
            values: dict[str, str | None] = {}
            for item in params or []:
                name, sep, value = item.partition("=")
                name = name.strip()
                if not sep or not name:
                    raise typer.BadParameter(f"--param takes NAME=VALUE, got {item!r}")
                if name not in declared:
                    names = ", ".join(declared) or "none"
                    raise typer.BadParameter(
                        f"unknown parameter {name!r}; the query declares: {names}"
                    )
                values[name] = value
            # parameters not given take their defaults, as the API's saved-query routes do
            # (a paged listing's first page, not every row of a field's graph)
            from kg.store.answers import saved_query_sparql

            text, answer_bindings = saved_query_sparql(
                parsed,
                store,
                bind_params(parsed, values),
                rows=None if all_rows or limit is None else offset + limit + 1,
            )
            bindings = dict(answer_bindings) or None
        kgstore = open_store(store, read_only=True)
        outcome = kgstore.query(text, bindings=bindings)
        paged = outcome.kind == "select" and (limit is not None or offset > 0)
        if fmt is QueryFormat.table:
            if outcome.kind == "select":
                from kg.cli_format import print_result_table

                rows = outcome.rows()
                for _ in itertools.islice(rows, offset):
                    pass
                page = list(itertools.islice(rows, limit)) if limit is not None else list(rows)
                more = limit is not None and next(rows, None) is not None
                # the terminal's width (or $COLUMNS), not the soft-wrapped message console
                n = print_result_table(Console(), outcome.variables, page)
                err.print(f"{n} row(s)" + (f"; more: --offset {offset + n}" if more else ""))
                _hint_next_page(bindings, n if not more else 0)
            elif outcome.kind == "ask":
                out.print("true" if bool(outcome.raw) else "false")
            else:
                sys.stdout.buffer.write(outcome.serialize("turtle"))
        elif paged and fmt.value in {"json", "csv", "tsv", "xml"}:
            from kg.api.results import write_select

            written = write_select(
                outcome.variables,
                outcome.raw,
                fmt.value,
                offset=offset,
                limit=limit,
                max_rows=limit or sys.maxsize,
                max_bytes=sys.maxsize,
            )
            sys.stdout.buffer.write(written.body)
            sys.stdout.flush()
            if written.has_more:
                err.print(f"more: --offset {offset + written.rows}")
            _hint_next_page(bindings, written.rows if not written.has_more else 0)
        else:
            name = fmt.value
            if outcome.kind == "graph" and name in {"json", "csv", "tsv", "xml"}:
                name = {"json": "jsonld", "xml": "rdfxml"}.get(name, "ntriples")
            sys.stdout.buffer.write(outcome.serialize(name))
            sys.stdout.flush()
    except KGError as e:
        raise _fail(e) from e


def _hint_next_page(bindings: Mapping[str, object] | None, rows: int) -> None:
    """Say how to get the next page of a listing paged by its ``page`` parameter."""
    if bindings and "page" in bindings and rows >= SAVED_PAGE:
        err.print(f"next page: -p page={int(str(bindings['page'])) + 1}")


@app.command()
def export(
    output: Annotated[Path, typer.Option("-o", "--output", help="File to write ('-' for stdout).")],
    store: StoreOption = DEFAULT_STORE,
    fmt: Annotated[
        ExportFormat, typer.Option("--format", help="RDF format.")
    ] = ExportFormat.turtle,
) -> None:
    """Write the whole graph as Turtle, N-Triples, N-Quads (with named graphs), JSON-LD or TriG."""
    from kg.store import open_store

    try:
        kgstore = open_store(store, read_only=True)
        if str(output) == "-":
            kgstore.export(sys.stdout.buffer, fmt.value)
        else:
            output.parent.mkdir(parents=True, exist_ok=True)
            kgstore.export(output, fmt.value)
            err.print(f"wrote {output}")
    except KGError as e:
        raise _fail(e) from e


@app.command()
def dump(
    output: Annotated[Path, typer.Option("-o", "--output", help="Release folder to write.")],
    store: StoreOption = DEFAULT_STORE,
    previous: Annotated[
        Path | None,
        typer.Option("--previous", help="Earlier release folder, for the changelog."),
    ] = None,
) -> None:
    """Write a release folder: gzipped Turtle and N-Quads, VoID/DCAT, checksums, changelog."""
    from kg.dump import write_release
    from kg.evaluate import dev_set_scores

    try:
        summary = write_release(store, output, previous=previous, dev_scores=dev_set_scores())
    except KGError as e:
        raise _fail(e) from e
    from kg.cli_format import release_text

    out.print(release_text(summary), highlight=False)


@app.command()
def stats(
    store: StoreOption = DEFAULT_STORE,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Counts per class and per property."""
    from kg.cli_format import mention_note
    from kg.store import count_by, open_store

    try:
        kgstore = open_store(store, read_only=True)
        classes = count_by(kgstore, "class")
        properties = count_by(kgstore, "property")
        total = kgstore.quad_count()
        # kg build counts the mentions behind links; the class count adds those behind results
        ask = kgstore.query(
            "SELECT (COUNT(?m) AS ?n) WHERE { ?m a mkg:Mention ; mkg:supports mkg:reportsResult }"
        )
        for_results = int(next(ask.rows())["n"] or 0)
    except KGError as e:
        raise _fail(e) from e
    from kg.vocab import MKG

    mentions = dict(classes).get(str(MKG.Mention), 0)
    if as_json:
        out.print_json(
            json.dumps(
                {
                    "quads": total,
                    "classes": dict(classes),
                    "properties": dict(properties),
                    "mentions": {"links": mentions - for_results, "results": for_results},
                }
            )
        )
        return
    out.print(f"{total} quads")
    for title, rows in (("class", classes), ("property", properties)):
        table = Table(title, "count")
        for name, n in rows:
            table.add_row(name, str(n))
        out.print(table)
    if mentions:
        out.print(mention_note(mentions, for_results), highlight=False)


@app.command()
def search(
    text: Annotated[
        str, typer.Argument(help="Text to look for in entity names (empty: every entity).")
    ],
    store: StoreOption = DEFAULT_STORE,
    limit: Annotated[int, typer.Option(min=1, help="Most entities shown (one page).")] = 20,
    offset: Annotated[
        int, typer.Option(min=0, help="Entities skipped first (the next pages).")
    ] = 0,
    fmt: Annotated[
        QueryFormat, typer.Option("--format", help="table, json or csv.")
    ] = QueryFormat.table,
) -> None:
    """Find datasets, models, modalities, tasks and metrics by name, abbreviation or synonym.

    Answers what the saved query search_entities answers, from the store's text index
    (kg-search.sqlite, written by every build): most-linked entities first.
    """
    import csv

    from kg.store.search import search_entities

    try:
        hits = search_entities(store, text, limit=limit, offset=offset)
    except KGError as e:
        raise _fail(e) from e
    rows = [
        {
            "entity": h.entity,
            "type": h.type,
            "label": h.label,
            "matchedForms": " | ".join(h.matched_forms),
            "papers": h.papers,
        }
        for h in hits
    ]
    if fmt is QueryFormat.json:
        out.print_json(json.dumps(rows))
    elif fmt in (QueryFormat.csv, QueryFormat.tsv):
        writer = csv.DictWriter(
            sys.stdout,
            fieldnames=["entity", "type", "label", "matchedForms", "papers"],
            delimiter="," if fmt is QueryFormat.csv else "\t",
        )
        writer.writeheader()
        writer.writerows(rows)
    else:
        table = Table("label", "type", "papers", "matched", "entity")
        for r in rows:
            table.add_row(
                str(r["label"]),
                str(r["type"]).rsplit("#", 1)[-1],
                str(r["papers"]),
                str(r["matchedForms"]),
                str(r["entity"]),
            )
        out.print(table)
        if len(rows) == limit:
            err.print(f"more: --offset {offset + limit}")


@app.command()
def reindex(store: StoreOption = DEFAULT_STORE) -> None:
    """Recompute the statistics graph, the search and browse indexes (every build does this)."""
    from kg.store.statistics import reindex_store

    try:
        reindex_store(store)
    except KGError as e:
        raise _fail(e) from e
    err.print(f"statistics, search and browse indexes of {store} recomputed")


@app.command()
def validate(
    store: StoreOption = DEFAULT_STORE,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    limit: Annotated[int, typer.Option(help="Example focus nodes shown per message.")] = 20,
) -> None:
    """Check the store against the SHACL shapes of ontology/shapes.ttl."""
    from rdflib import Graph

    from kg.store import open_store
    from kg.validate import validate_graph

    try:
        kgstore = open_store(store, read_only=True)
        data = kgstore.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }").serialize("ntriples")
    except KGError as e:
        raise _fail(e) from e
    graph = Graph()
    graph.parse(data=data, format="nt")
    report = validate_graph(graph)
    if as_json:
        out.print_json(json.dumps(report.to_dict()))
    else:
        out.print(report.to_text(limit=limit), highlight=False)
    if not report.conforms:
        raise typer.Exit(1)


@app.command()
def serve(
    store: StoreOption = DEFAULT_STORE,
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.", min=1, max=65535)] = 8000,
) -> None:
    """Serve the SPARQL endpoint at /sparql, the query page at / and resource pages."""
    from kg.api.main import serve as run_server
    from kg.store import open_store

    try:
        open_store(store, read_only=True).close()
        run_server(store, host=host, port=port)
    except KGError as e:
        raise _fail(e) from e


@app.command("eval")
def evaluate(
    gold: Annotated[
        Path, typer.Argument(help="Gold file (JSON Lines, see the annotation guidelines).")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    errors: Annotated[
        bool,
        typer.Option("--errors", help="List false positives and misses per paper, results too."),
    ] = False,
    rules_only: Annotated[
        bool,
        typer.Option(
            "--rules-only", help="Leave the learned part out (kg_ner, kg_typer): the ablation."
        ),
    ] = False,
    model: Annotated[
        Path | None,
        typer.Option(
            "--model", help="A trained model directory (kg train --output) instead of the shipped."
        ),
    ] = None,
) -> None:
    """Precision, recall and F1 per type, role and result accuracy against a gold file."""
    from kg.evaluate import evaluate_file
    from kg.nlp import build_nlp, has_trained_ner

    if not gold.is_file():
        raise _fail(KGError(f"gold file {gold} does not exist or is not a file"))
    if model is not None and rules_only:
        raise _fail(KGError("--model and --rules-only exclude each other"))
    if model is not None and not has_trained_ner(model):
        raise _fail(KGError(f"--model {model} holds no trained model (make one with kg train)"))
    try:
        nlp = build_nlp(use_ner=False if rules_only else None, model_dir=model)
        report = evaluate_file(gold, nlp=nlp)
    except KGError as e:
        raise _fail(e) from e
    if as_json:
        out.print_json(json.dumps({**report.to_dict(), "pipeline": nlp.pipe_names}))
    else:
        out.print(f"pipeline: {' '.join(nlp.pipe_names)}", highlight=False)
        out.print(report.to_text(), highlight=False)
    if errors:
        out.print(report.errors_text(), highlight=False)


@app.command()
def train(
    annotations: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Annotated papers, gold format "
            "(default: the files in data/annotations/sources.txt).",
        ),
    ] = None,
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Where to write the models.")
    ] = Path("kg/nlp/model"),
    iterations: Annotated[int, typer.Option(min=1, help="NER training epochs.")] = 20,
    seed: Annotated[int, typer.Option(help="Random seed.")] = 0,
    folds: Annotated[
        int,
        typer.Option(min=2, help="Folds for the typer's out-of-fold candidates and thresholds."),
    ] = 5,
    cv: Annotated[
        int | None,
        typer.Option(
            "--cv",
            min=2,
            help="Print K-fold cross-validated scores on the annotations instead of training.",
        ),
    ] = None,
    exclude: Annotated[
        list[Path] | None,
        typer.Option(
            "--exclude", help="Gold files whose papers are left out (default: the dev set)."
        ),
    ] = None,
) -> None:
    """Retrain the shipped NER, typer and concept judges on hand-annotated papers (deterministic).

    The dev set's papers are never trained on, and thresholds are chosen by cross-validation
    on the training annotations.
    """
    from kg.train import cross_validate, train_models

    try:
        if cv is not None:
            result = cross_validate(
                annotations=annotations or None,
                folds=cv,
                iterations=iterations,
                seed=seed,
                exclude_gold=exclude or None,
            )
            out.print(result.to_text(), highlight=False)
            return
        summary = train_models(
            annotations=annotations or None,
            output_dir=output,
            iterations=iterations,
            seed=seed,
            folds=folds,
            exclude_gold=exclude or None,
        )
    except KGError as e:
        raise _fail(e) from e
    out.print(summary.to_text(), highlight=False)


def main() -> None:
    """Entry point for ``python -m kg``."""
    app()


if __name__ == "__main__":
    main()
