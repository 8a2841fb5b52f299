// Package models owns the portal's entities, rules and queries. It imports
// nothing from the web layer: handlers call it, views never see it.
package models
