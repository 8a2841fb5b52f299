package handlers

// Exports for the external tests of the accounts feature.
var GuideFavouriteAction = guideFavouriteAction
