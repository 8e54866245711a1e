"""What the screens show, without a window: pygame-free, testable without a display."""
