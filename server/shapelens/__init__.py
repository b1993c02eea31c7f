"""Shape Lens: static shape checking for TensorFlow/Keras code."""
__version__ = "0.1.0"
