package org

import "errors"

var (
	ErrNotFound = errors.New("org: not found")
	ErrConflict = errors.New("org: already exists")
)

// InvalidError names the field that is wrong and a message-catalogue key
// saying why, so the form can show the message beside the field.
type InvalidError struct {
	Field string
	Key   string
}

func (e *InvalidError) Error() string { return "org: invalid " + e.Field + " (" + e.Key + ")" }

func invalid(field, key string) error { return &InvalidError{Field: field, Key: key} }
