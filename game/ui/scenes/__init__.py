"""The screens of the desktop game, each a scene on the app's stack."""
