"""Checking a workspace: is the file whole, and do the stored clocks match the events?"""
