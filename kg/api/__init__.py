"""The medkg HTTP API: the SPARQL endpoint, the query page, linked-data pages, saved queries.

``kg.api.main.create_app`` builds the FastAPI app; ``kg.api.main.serve`` runs it on uvicorn.
Queries are evaluated in worker processes (``kg.api.executor``), never in the server process.
"""
