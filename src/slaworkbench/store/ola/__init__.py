"""Team agreements (OLAs) in the store: versioned terms, the cycles and who held them."""
