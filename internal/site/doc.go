// Package site owns the deployment's identity: the name the public knows the
// service by (南京市玄武区政务服务网), the region it serves and how to contact it,
// set by a system administrator and shown in every page's header and footer.
// It asks auth who may set it and writes only its own table and its stream
// "site"; it never writes another domain's tables.
package site
