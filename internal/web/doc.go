// Package web serves Shenpi over HTTP: the public portal, the office, the
// supervision room, the administration pages and the JSON API under
// /api/v1. Pages are server-rendered html/template with embedded assets,
// in Simplified Chinese by default and English, from message catalogues.
// web composes the domain packages; no domain package imports web.
package web
