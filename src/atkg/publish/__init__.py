"""Linked-data publishing: load the build into SPARQL servers and describe it (VoID, DCAT).

`gsp` speaks the SPARQL 1.1 Graph Store HTTP Protocol and SPARQL Update over plain HTTP
(the standard library's urllib, so no new dependency: SPARQLWrapper has no GSP support),
`publish` replaces every named graph of the build on a server and verifies it, `describe`
writes the dataset descriptions and `jsonld` the compacted JSON-LD export.
"""
