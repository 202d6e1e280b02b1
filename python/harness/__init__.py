"""Measures the strategy and mistake modules unchanged, under real Tk.

Nothing in python/strategies or python/mistakes knows it is being measured:
the scenarios subclass the strategy classes (every method they override calls
the original) or wrap tkinter.Tk for the mistake scripts, which build their
own window.
"""
