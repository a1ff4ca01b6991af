// Package tck runs the openCypher Technology Compatibility Kit's scenarios
// (read from ../shared/data/opencypher-tck, never copied here) against
// kg's query engine on the in-memory graph of query/memgraph, and reports
// how many pass per feature folder. It has only tests.
package tck
