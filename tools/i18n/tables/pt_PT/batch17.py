"""batch17: the status bar's count of a view's tickets loaded so far."""

T = {
    "{loaded} of {total} tickets": "{loaded} de {total} tickets",
}
