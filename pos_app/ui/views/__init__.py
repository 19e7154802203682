"""The screens of the main window, each small and composed by MainWindow."""
