"""innovation-indicators: China's regional innovation indicators, traceable to the sentence."""

__version__ = "0.1.0"
