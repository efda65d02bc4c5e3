// Package apiclient is a typed client of Shenpi's API, generated from its
// OpenAPI document (internal/web/api/openapi.json) by oapi-codegen, as a
// department system would generate one. Tests drive the API through it, so
// the document stays usable for that; TestGeneratedClientIsCurrent fails
// when the document changed and this code was not generated again:
//
//	go generate ./internal/web/api/apiclient/
package apiclient

//go:generate go tool oapi-codegen -config config.yaml ../openapi.json
