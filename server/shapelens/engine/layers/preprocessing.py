"""Preprocessing layers: Rescaling, Resizing, CenterCrop, RandomCrop, Normalization, CategoryEncoding,
TextVectorization, the image augmentation layers, the lookup and binning layers (StringLookup,
IntegerLookup, Hashing, Discretization), and the audio spectrograms (MelSpectrogram, STFTSpectrogram)."""
from __future__ import annotations

from ..values import Layer, Shape
from .base import (AXIS_MISMATCH, INVALID_ARGUMENT, RANK_MISMATCH, EmptyOutput, LayerError, Unknowable, arg, bool_arg,
                   int_arg, known_rank, layer_rule, require)
from .conv import Window, call_error, channels_first, conv_output, input_channels


# Symbolically these only pass the shape through, whatever the rank. Their first `required`
# parameters have no default; their values (factor ranges...) are not checked here.
_SHAPE_PRESERVING = {
    "Rescaling": (("scale", "offset"), 1),
    "RandomFlip": (("mode", "seed"), 0),
    "RandomRotation": (("factor",), 1),
    "RandomZoom": (("height_factor", "width_factor"), 1),
    "RandomTranslation": (("height_factor", "width_factor"), 2),
    "RandomContrast": (("factor",), 1),
    "RandomBrightness": (("factor",), 1),
    "RandomGrayscale": (("factor",), 0),
    "RandomHue": (("factor",), 1),
    "RandomSaturation": (("factor",), 1),
    "RandomSharpness": (("factor",), 1),
    "RandomShear": (("x_factor", "y_factor"), 0),
    "AugMix": (("value_range", "num_chains", "chain_depth", "factor", "alpha", "all_ops", "interpolation", "seed",
                "data_format"), 0),
    "AutoContrast": (("value_range",), 0),
    "ContrastLimitedAdaptiveHistogramEqualization": (("value_range", "clip_limit", "tile_grid_size", "data_format"), 0),
    "CutMix": (("factor", "seed", "data_format"), 0),
    "Equalization": (("value_range", "bins", "data_format"), 0),
    "MaxNumBoundingBoxes": (("max_number", "fill_value"), 1),  # pads bounding boxes; images pass through
    "MixUp": (("alpha", "data_format", "seed"), 0),
    "RandAugment": (("value_range", "num_ops", "factor", "interpolation", "seed", "data_format"), 0),
    "RandomColorJitter": (("value_range", "brightness_factor", "contrast_factor", "saturation_factor", "hue_factor",
                           "seed", "data_format"), 0),
    "RandomElasticTransform": (("factor", "scale", "interpolation", "fill_mode", "fill_value", "value_range", "seed",
                                "data_format"), 0),
    "RandomErasing": (("factor", "scale", "fill_value", "value_range", "seed", "data_format"), 0),
    "RandomGaussianBlur": (("factor", "kernel_size", "sigma", "value_range", "data_format", "seed"), 0),
    "RandomInvert": (("factor", "value_range", "seed", "data_format"), 0),
    "RandomPerspective": (("factor", "scale", "interpolation", "fill_value", "seed", "data_format"), 0),
    "RandomPosterization": (("factor", "value_range", "data_format", "seed"), 1),
    "Solarization": (("addition_factor", "threshold_factor", "value_range", "seed"), 0),
}


def _same_shape(layer: Layer, shape: Shape) -> Shape:
    params, required = _SHAPE_PRESERVING[layer.kind]
    if any(name not in layer.args for name in params[:required]):
        raise Unknowable("required argument")  # a TypeError from the constructor
    return known_rank(shape)


for _kind, (_params, _) in _SHAPE_PRESERVING.items():
    layer_rule(_kind, _params)(_same_shape)


@layer_rule("RandomColorDegeneration", ("factor", "value_range", "data_format", "seed"))
def random_color_degeneration(layer: Layer, shape: Shape) -> Shape:
    """Blends with the grayscale image: one image or a batch of them, in RGB."""
    if "factor" not in layer.args:
        raise Unknowable("factor")
    channel_axis = -3 if channels_first(layer) else -1
    shape = known_rank(shape)
    if len(shape) not in (3, 4):
        raise LayerError(RANK_MISMATCH, call_error(layer, "Invalid images rank: expected rank 3 (single image) or "
                                                          f"rank 4 (batch of images). Received: input_shape={shape}"))
    if shape[channel_axis] not in (None, 3):
        raise LayerError(AXIS_MISMATCH, call_error(layer, "Input images must have 3 channels, but received images "
                                                          f"with {shape[channel_axis]} channels."))
    return shape


def _size(layer: Layer) -> tuple[int, int]:
    height, width = int_arg(layer, "height"), int_arg(layer, "width")
    if height is None or width is None or height < 0 or width < 0:
        raise Unknowable("height/width")
    return height, width


def _resized(layer: Layer, shape: Shape) -> Shape:
    """Replace height and width. Keras treats a rank-3 input as one unbatched image, so there the
    "batch" axis is taken for the height, as Keras itself computes."""
    height, width = _size(layer)
    first = 1 if channels_first(layer) else 0
    if len(shape) == 4:
        first += 1
    out = list(shape)
    out[first:first + 2] = [height, width]
    return tuple(out)


@layer_rule("Resizing", ("height", "width", "interpolation", "crop_to_aspect_ratio"))
def resizing(layer: Layer, shape: Shape) -> Shape:
    if len(known_rank(shape)) not in (3, 4):
        raise Unknowable("rank")  # Keras computes odd shapes or fails with an IndexError
    return _resized(layer, shape)


@layer_rule("CenterCrop", ("height", "width"))
def center_crop(layer: Layer, shape: Shape) -> Shape:
    _size(layer), channels_first(layer)  # the constructor's checks come before any call's
    if len(known_rank(shape)) not in (3, 4):
        raise LayerError(RANK_MISMATCH, call_error(layer, "`input_shape` must be a non-nested tuple or list of "
                                                          "rank-1 with size 3 (unbatched) or 4 (batched)."))
    return _resized(layer, shape)


@layer_rule("RandomCrop", ("height", "width", "seed"))
def random_crop(layer: Layer, shape: Shape) -> Shape:
    if len(known_rank(shape)) not in (3, 4):
        raise Unknowable("rank")
    return _resized(layer, shape)


@layer_rule("Normalization", ("axis", "mean", "variance", "invert"))
def normalization(layer: Layer, shape: Shape) -> Shape:
    # Given statistics are broadcast to the input at build: only plain numbers are followed, and
    # Keras refuses one without the other.
    mean, variance = arg(layer, "mean", None), arg(layer, "variance", None)
    if (mean, variance) != (None, None) and not all(isinstance(v, (int, float)) for v in (mean, variance)):
        raise Unknowable("mean/variance")
    axis = arg(layer, "axis", -1)
    if axis is None:
        axis = ()
    elif isinstance(axis, int) and not isinstance(axis, bool):
        axis = (axis,)
    elif isinstance(axis, (tuple, list)) and all(isinstance(a, int) and not isinstance(a, bool) for a in axis):
        axis = tuple(axis)
    else:
        raise Unknowable("axis")
    shape = known_rank(shape)
    ndim = len(shape)
    if any(not -ndim <= a < ndim for a in axis):
        raise LayerError(INVALID_ARGUMENT, "All `axis` values must be in the range [-ndim, ndim). Received inputs "
                         f"with ndim={ndim}, while axis={axis}", culprit="axis")
    if any(shape[a] is None for a in axis) or len({a % ndim for a in axis}) < len(axis):
        raise Unknowable("axis")  # Keras needs the kept axes' sizes (ours may be unknown), each once
    return shape


@layer_rule("CategoryEncoding", ("num_tokens", "output_mode", "sparse"))
def category_encoding(layer: Layer, shape: Shape) -> Shape:
    tokens = int_arg(layer, "num_tokens")
    mode = arg(layer, "output_mode", "multi_hot")
    if tokens is None or tokens < 1 or mode not in ("multi_hot", "binary", "one_hot", "count"):
        raise Unknowable("num_tokens/output_mode")
    shape = known_rank(shape)
    if not shape:
        return (tokens,)
    if mode == "one_hot" and len(shape) > 1 and shape[-1] is None:
        raise Unknowable("last axis")  # one_hot replaces a last axis of size 1, else appends one
    if mode == "one_hot" and (len(shape) == 1 or shape[-1] != 1):
        return shape + (tokens,)
    return shape[:-1] + (tokens,)


@layer_rule("TextVectorization", ("max_tokens", "standardize", "split", "ngrams", "output_mode",
                                  "output_sequence_length", "pad_to_max_tokens"))
def text_vectorization(layer: Layer, shape: Shape) -> Shape:
    """Strings to token ids ("int": one row of `output_sequence_length` ids, or as many as the
    longest text) or to one vector per text, as wide as the vocabulary (known only when padded
    to `max_tokens`). Inputs are followed where symbolic tensors and real data agree: one text
    per row."""
    mode = arg(layer, "output_mode", "int")
    if arg(layer, "split", "whitespace") not in ("whitespace", "character") or arg(layer, "ragged", False):
        raise Unknowable("split/ragged")  # unsplit strings keep their shape; ragged rows are not followed
    shape = known_rank(shape)
    if mode == "int":
        if not (len(shape) == 1 or len(shape) == 2 and shape[1] == 1):
            raise Unknowable("rank")  # Keras fails on real data (one text per row), or with an IndexError
        return (shape[0], int_arg(layer, "output_sequence_length"))
    if mode not in ("multi_hot", "count", "tf_idf") or len(shape) != 1:
        # A (batch, 1) input: symbolic tensors get (batch, 1, tokens), real data (batch, tokens).
        raise Unknowable("output_mode/rank")
    tokens = int_arg(layer, "max_tokens")
    return (shape[0], tokens if arg(layer, "pad_to_max_tokens", False) else None)


def _encoded(shape: Shape, mode: str, depth: int | None) -> Shape:
    """The shape of indices encoded as Keras's lookup and binning layers encode them, where symbolic
    tensors and real data agree: "int" keeps the shape; "one_hot" adds an axis of `depth` (replacing a
    last axis of 1); the others count each row's values into `depth` bins. Elsewhere Keras's
    compute_output_shape and its call on real data give different shapes."""
    if mode == "int":
        return shape
    if depth is None:
        raise Unknowable("depth")
    if mode == "one_hot":
        if not shape or len(shape) > 1 and shape[-1] is None:
            raise Unknowable("rank or last axis")
        return (shape[:-1] if len(shape) > 1 and shape[-1] == 1 else shape) + (depth,)
    if len(shape) > 2:
        raise Unknowable("rank")
    return shape[:-1] + (depth,)


@layer_rule("Hashing", ("num_bins", "mask_value", "salt", "output_mode", "sparse"))
def hashing(layer: Layer, shape: Shape) -> Shape:
    bins = int_arg(layer, "num_bins")
    if bins is None or bins <= 0:
        raise LayerError(INVALID_ARGUMENT, "The `num_bins` for `Hashing` cannot be `None` or non-positive values. "
                         f"Received: num_bins={bins}.", culprit="num_bins")
    mode = arg(layer, "output_mode", "int")
    modes = ("int", "one_hot", "multi_hot", "count")
    if mode not in modes or "dtype" in layer.args or bool_arg(layer, "sparse", False) and mode == "int":
        raise Unknowable("output_mode/dtype/sparse")
    shape = known_rank(shape)
    if mode == "one_hot" and (len(shape) < 2 or shape[-1] != 1):
        # Keras's symbolic shape replaces the last axis; real data gets one more axis
        raise Unknowable("rank or last axis")
    return _encoded(shape, mode, bins)


@layer_rule("Discretization", ("bin_boundaries", "num_bins", "epsilon", "output_mode", "sparse"))
def discretization(layer: Layer, shape: Shape) -> Shape:
    boundaries, bins = arg(layer, "bin_boundaries", None), int_arg(layer, "num_bins")
    mode = arg(layer, "output_mode", "int")
    if mode not in ("int", "one_hot", "multi_hot", "count") or bool_arg(layer, "sparse", False) or \
            bins is not None and bins < 0:
        raise Unknowable("output_mode/sparse/num_bins")
    if bins is not None and boundaries is not None:
        raise LayerError(INVALID_ARGUMENT, "Both `num_bins` and `bin_boundaries` should not be set. Received: "
                         f"`num_bins={bins}` and `bin_boundaries={boundaries}`", culprit="num_bins")
    if bins is None and boundaries is None:
        raise LayerError(INVALID_ARGUMENT, "You need to set either `num_bins` or `bin_boundaries`.",
                         culprit="bin_boundaries")
    # With num_bins, the bins an adapt() finds decide the depth.
    depth = len(boundaries) + 1 if isinstance(boundaries, (list, tuple)) else None
    return _encoded(known_rank(shape), mode, depth)


_LOOKUP_PARAMS = ("max_tokens", "num_oov_indices", "mask_token", "oov_token", "vocabulary")


def _lookup(oov_default):
    def rule(layer: Layer, shape: Shape) -> Shape:
        mode = arg(layer, "output_mode", "int")
        max_tokens, oov = int_arg(layer, "max_tokens"), int_arg(layer, "num_oov_indices", 1)
        padded = bool_arg(layer, "pad_to_max_tokens", False)
        refused = (mode not in ("int", "one_hot", "multi_hot", "count", "tf_idf") or oov is None or oov < 0
                   or max_tokens is not None and max_tokens <= 1 or padded and max_tokens is None
                   or bool_arg(layer, "sparse", False) and mode == "int"
                   or bool_arg(layer, "invert", False) and mode != "int"
                   or (arg(layer, "idf_weights", None) is None) == (mode == "tf_idf"))
        if refused:
            raise Unknowable("configuration")  # Keras refuses it in the constructor
        depth = max_tokens if padded else _vocabulary_size(layer, oov_default, oov)
        return _encoded(known_rank(shape), mode, depth)
    return rule


def _vocabulary_size(layer: Layer, oov_default, oov: int) -> int | None:
    """The encoded depth from a vocabulary written out in the code: its terms and the OOV indices."""
    vocabulary = arg(layer, "vocabulary", None)
    if not isinstance(vocabulary, (list, tuple)) or arg(layer, "mask_token", None) is not None or \
            any(not isinstance(term, type(oov_default)) or isinstance(term, bool) for term in vocabulary) or \
            len(set(vocabulary)) < len(vocabulary) or arg(layer, "oov_token", oov_default) in vocabulary:
        return None  # Keras refuses repeated terms and reads OOV and mask tokens in the vocabulary apart
    max_tokens = int_arg(layer, "max_tokens")
    size = len(vocabulary) + oov
    return size if max_tokens is None or size <= max_tokens else None


layer_rule("StringLookup", _LOOKUP_PARAMS + ("idf_weights", "invert", "output_mode", "pad_to_max_tokens", "sparse",
                                            "encoding"))(_lookup("[UNK]"))
layer_rule("IntegerLookup", _LOOKUP_PARAMS + ("vocabulary_dtype", "idf_weights", "invert", "output_mode", "sparse",
                                             "pad_to_max_tokens"))(_lookup(-1))


@layer_rule("MelSpectrogram", ("fft_length", "sequence_stride", "sequence_length", "window", "sampling_rate",
                               "num_mel_bins", "min_freq", "max_freq", "power_to_db", "top_db", "mag_exp",
                               "min_power", "ref_power"))
def mel_spectrogram(layer: Layer, shape: Shape) -> Shape:
    """Audio, one clip or a batch of them, to (num_mel_bins, frames). Keras counts the frames of a
    symbolic tensor as (n + stride + 1) // stride; real data, padded by fft_length // 2 on each side,
    has 1 + (n + 2 * (fft_length // 2) - fft_length) // stride, and needs more samples than that
    padding: the shape is known where both agree."""
    fft, stride, bins = int_arg(layer, "fft_length", 2048), int_arg(layer, "sequence_stride", 512), \
        int_arg(layer, "num_mel_bins", 128)
    length = int_arg(layer, "sequence_length") or fft
    if None in (fft, stride, bins) or stride <= 0 or bins <= 0:
        raise Unknowable("fft_length/sequence_stride/num_mel_bins")
    if fft < length:
        raise LayerError(INVALID_ARGUMENT, "`fft_length` must be greater than or equal to   `sequence_length`. "
                         f"Received: `sequence_length`={length}, `fft_length`={fft}.", culprit="fft_length")
    shape = known_rank(shape)
    if len(shape) not in (1, 2):
        raise Unknowable("rank")  # Keras's symbolic shape reads the first axes; real data is framed on the last
    samples = shape[-1]
    frames = None if samples is None else (samples + stride + 1) // stride
    if samples is not None and (samples <= fft // 2 or frames != 1 + (samples + 2 * (fft // 2) - fft) // stride):
        raise Unknowable("frames")
    return (*shape[:-1], bins, frames)


_STFT_MODES = ("log", "magnitude", "psd", "real", "imag", "angle", "stft")


@layer_rule("STFTSpectrogram", ("mode", "frame_length", "frame_step", "fft_length", "window", "periodic", "scaling",
                                "padding", "expand_dims", "data_format"))
def stft_spectrogram(layer: Layer, shape: Shape) -> Shape:
    """A 1D convolution of each channel with the frames' Fourier kernels: (batch, frames, frequencies
    times channels), or with expand_dims, frequencies and channels on axes of their own."""
    frame, step, fft = int_arg(layer, "frame_length", 256), int_arg(layer, "frame_step"), int_arg(layer, "fft_length")
    mode, padding = arg(layer, "mode", "log"), arg(layer, "padding", "valid")
    if frame is None or frame < 1:
        raise Unknowable("frame_length")
    if step is not None and not 1 <= step <= frame:
        raise LayerError(INVALID_ARGUMENT, "`frame_step` should be a positive integer not greater than "
                         f"`frame_length`. Received frame_step={step}, frame_length={frame}", culprit="frame_step")
    if fft is not None and fft < frame or mode not in _STFT_MODES or padding not in ("valid", "same") or \
            arg(layer, "scaling", "density") not in ("density", "spectrum", None):
        raise Unknowable("fft_length/mode/padding/scaling")  # refused by the constructor
    window = Window((frame,), (step or frame // 2,), (1,), padding, channels_first(layer))
    if window.strides[0] < 1:
        raise Unknowable("frame_step")
    expand = bool_arg(layer, "expand_dims", False)
    shape = require(layer, shape, ndim=3)
    channels = input_channels(window, shape)
    frequencies = (fft or 2 ** (frame - 1).bit_length()) // 2 + 1
    if mode == "stft":
        frequencies *= 2  # real and imaginary parts
    try:
        output = conv_output(layer, shape, window, frequencies * channels, channels)
    except LayerError as error:
        if isinstance(error, EmptyOutput) or error.message.startswith(call_error(layer, "")):
            raise
        raise LayerError(error.code, call_error(layer, error.message), error.culprit) from error  # inside call()
    frames = window.spatial(output)[0]
    if not expand:
        return output
    return (shape[0], channels, frames, frequencies) if window.channels_first else \
        (shape[0], frames, frequencies, channels)


@layer_rule("Pipeline", ("layers",))
def pipeline(layer: Layer, shape: Shape) -> Shape:
    """Its layers called in turn. Keras traces the call: an inner layer's error comes wrapped in
    words of its own (naming the pipeline by its number), so errors are left unknown."""
    from . import apply_layer  # the package imports this module while it is being set up

    stages = arg(layer, "layers")
    if not isinstance(stages, (list, tuple)) or not stages or not all(isinstance(s, Layer) for s in stages):
        raise Unknowable("layers")
    for stage in stages:
        try:
            shape = apply_layer(stage, shape)
        except LayerError as error:
            raise Unknowable("an inner layer's error") from error
        if not isinstance(shape, tuple):
            raise Unknowable("inner output")
    return shape


@layer_rule("HashedCrossing", ("num_bins", "output_mode", "sparse"), multi_input=True)
def hashed_crossing(layer: Layer, inputs) -> Shape:
    """Crosses two or more features of one value per row, given as a tuple of tensors of one shape;
    other shapes Keras computes differently for symbolic tensors and real data, or refuses."""
    bins, mode = int_arg(layer, "num_bins"), arg(layer, "output_mode", "int")
    if bins is None or bins <= 0 or mode not in ("int", "one_hot") or bool_arg(layer, "sparse", False):
        raise Unknowable("num_bins/output_mode/sparse")
    if not isinstance(inputs, list) or len(inputs) < 2 or any(s != inputs[0] for s in inputs):
        raise Unknowable("inputs")
    shape = known_rank(inputs[0])
    if not (len(shape) == 1 or len(shape) == 2 and shape[1] == 1):
        raise Unknowable("rank")
    return shape if mode == "int" else (shape[0], bins)
