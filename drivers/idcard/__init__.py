"""Resident ID cards (居民身份证 and the cards built on it) through certified SAM readers.

Protocol and result types, the serial GA 467-style driver, the vendor-SDK
adapter, the WLT photo decoder loader and a pty simulator.
"""
