"""The FHIR door (issue 15): the citizen's integrated course as FHIR R4 resources under
`/fhir/R4/`, through the same gate as every other way in."""
