// Package conns keeps slow and greedy clients from holding the server's
// connections: the timeouts of the HTTP server, a per-request deadline that
// moves with the bytes transferred, and a limit on the connections open from
// one address. It knows nothing of what the requests ask; cmd/shenpi builds the
// server with it.
//
// # Why a pace, not a read timeout
//
// Go's ReadTimeout and WriteTimeout are one fixed time for the whole request.
// Any value short enough to stop a client that sends a body one byte a minute
// would also cut off a clerk uploading a 40 MB scan over a poor link, and one
// long enough for that upload lets a hundred idle bodies hold a hundred
// connections for as long. So Shenpi sets neither. Instead a request's body
// and its response each run on a pace (pace.go): the body may take Grace from
// the request's start, plus one second for every MinRate bytes read so far;
// each piece of one second's bytes of the response must leave within Grace and
// its second. Every read of the body moves the connection's read deadline, and
// every piece written its write deadline, to the end of that allowance
// (through http.ResponseController). A client that keeps to MinRate is never
// cut off, however large its upload or download; one that stops, or
// trickles, loses its connection once its credit runs out. (The body counts
// on average, so a pause paid for by bytes already sent is allowed; the
// response cannot, as the kernel takes megabytes at once from a client that
// reads nothing.) The size
// limits of each handler (http.MaxBytesReader) bound how long a body can take.
// The server's own work between the body and the response is not the client's
// doing and is not limited here.
//
// Headers must arrive within HeaderTimeout, and an idle keep-alive
// connection is closed after IdleTimeout.
//
// # Connections per address
//
// Listener refuses (closes at once) a connection from an address that already
// holds PerAddress open ones. The limit is per remote IP, so behind a proxy
// it must be set on the proxy instead (every client then shares its address);
// set it to 0 there.
package conns
