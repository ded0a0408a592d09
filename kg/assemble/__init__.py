"""Statements → RDF under the medkg ontology (``rdf``) and entity resolution (``entities``)."""
